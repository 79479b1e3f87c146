// The cell codec both ways for every element type: encode from the API's form, decode to the upsert form,
// invalid cells with their precise reasons, and the column model.
#include <catch2/catch.hpp>

#include "core/json.h"
#include "feeds/cell_codec.h"
#include "tests/feeds/codec_model.h"

namespace kbulk::feeds {
namespace {

using testing::Id;

const Columns& ArticleColumns() {
  static const Columns columns = [] {
    auto built = Columns::Build(testing::ArticleTypeJson(), {testing::SeoSnippetJson()});
    if (!built.ok()) FAIL(built.status().message());
    return *built;
  }();
  return columns;
}

const Column& Col(const std::string& name) {
  const Column* column = ArticleColumns().Find(name);
  if (column == nullptr) FAIL("no column " + name);
  return *column;
}

std::string Elem(int id, const std::string& value, const std::string& extra = "") {
  return "{\"element\":{\"id\":\"" + Id(id) + "\"},\"value\":" + value + extra + "}";
}

EncodedElement Encode(const std::string& column, const std::string& element_json) {
  static const testing::TestNames names;
  auto encoded = EncodeElement(Col(column), element_json, names);
  if (!encoded.ok()) FAIL(encoded.status().message());
  return *encoded;
}

std::string Decode(const std::string& column, std::optional<std::string_view> cell,
                   std::optional<std::string_view> components = std::nullopt) {
  auto decoded = DecodeCell(Col(column), cell, components);
  if (!decoded.ok()) FAIL(column + ": " + decoded.status().message());
  return *decoded;
}

std::string DecodeError(const std::string& column, std::string_view cell) {
  auto decoded = DecodeCell(Col(column), cell);
  REQUIRE_FALSE(decoded.ok());
  CHECK(decoded.status().code() == StatusCode::kInvalidArgument);
  return decoded.status().message();
}

std::string Upsert(const std::string& codename, const std::string& rest) {
  return "{\"element\":{\"codename\":\"" + codename + "\"}," + rest + "}";
}

TEST_CASE("Columns: system columns, then elements in type order with the snippet's in place") {
  std::vector<std::string> names;
  for (const Column& column : ArticleColumns().list) names.push_back(column.name);
  CHECK(names == std::vector<std::string>{"id",
                                          "codename",
                                          "external_id",
                                          "name",
                                          "language",
                                          "collection",
                                          "workflow",
                                          "workflow_step",
                                          "last_modified",
                                          "title",
                                          "body",
                                          "body.components",
                                          "price",
                                          "released",
                                          "size",
                                          "topics",
                                          "related",
                                          "pages",
                                          "hero",
                                          "slug",
                                          "color",
                                          "color.searchable_value",
                                          "seo__keywords"});
  CHECK(Col("seo__keywords").element_id == Id(14));
  CHECK(Col("body.components").kind == Column::Kind::kComponents);
  CHECK(Col("color.searchable_value").kind == Column::Kind::kComponents);
  CHECK(Col("color.searchable_value").codename == "color");

  auto picked = Columns::Build(testing::ArticleTypeJson(), {testing::SeoSnippetJson()}, {"price", "codename"});
  REQUIRE(picked.ok());
  REQUIRE(picked->list.size() == 2);
  CHECK(picked->list[0].name == "price");
  CHECK(picked->list[1].name == "codename");

  auto unknown = Columns::Build(testing::ArticleTypeJson(), {testing::SeoSnippetJson()}, {"title", "prise"});
  REQUIRE_FALSE(unknown.ok());
  CHECK_THAT(unknown.status().message(), Catch::Contains("has no column 'prise'"));
  auto twice = Columns::Build(testing::ArticleTypeJson(), {testing::SeoSnippetJson()}, {"title", "title"});
  REQUIRE_FALSE(twice.ok());
  // An element named like a system column gets "element." before its codename.
  auto clash = Columns::Build("{\"codename\":\"author\",\"elements\":[{\"id\":\"" + Id(1) +
                                  "\",\"codename\":\"name\",\"type\":\"rich_text\"}]}",
                              {});
  REQUIRE(clash.ok());
  REQUIRE(clash->list.size() == 11);
  CHECK(clash->list[3].name == "name");
  CHECK(clash->list[9].name == "element.name");
  CHECK(clash->list[9].codename == "name");
  CHECK(clash->list[10].name == "element.name.components");
  auto no_snippet = Columns::Build(testing::ArticleTypeJson(), {});
  REQUIRE_FALSE(no_snippet.ok());
  CHECK_THAT(no_snippet.status().message(), Catch::Contains("snippet " + Id(110) + " is not in the model"));
}

TEST_CASE("Text: the text - null and an absent element are missing, \"\" is empty") {
  auto encoded = Encode("title", Elem(1, "\"Caf\\u00e9, \\\"best\\\"\\nin town\""));
  CHECK(encoded.cell == std::optional<std::string>("Caf\xC3\xA9, \"best\"\nin town"));
  CHECK(encoded.json == "\"Caf\xC3\xA9, \\\"best\\\"\\nin town\"");
  CHECK_FALSE(Encode("title", Elem(1, "null")).cell.has_value());
  CHECK(Encode("title", Elem(1, "null")).json == "null");
  CHECK_FALSE(Encode("title", "").cell.has_value());
  CHECK(Encode("title", Elem(1, "\"\"")).cell == std::optional<std::string>(""));

  CHECK(Decode("title", std::string_view("a, \"b\"")) == Upsert("title", "\"value\":\"a, \\\"b\\\"\""));
  CHECK(Decode("title", std::string_view("")) == Upsert("title", "\"value\":\"\""));
  CHECK(Decode("title", std::nullopt) == Upsert("title", "\"value\":null"));
  CHECK(Decode("seo__keywords", std::string_view("k")) == Upsert("seo__keywords", "\"value\":\"k\""));
}

TEST_CASE("Number: as JSON writes it - invalid numbers are refused with the cell") {
  CHECK(Encode("price", Elem(3, "3.5")).cell == std::optional<std::string>("3.5"));
  CHECK(Encode("price", Elem(3, "-12")).cell == std::optional<std::string>("-12"));
  CHECK(Encode("price", Elem(3, "3.5")).json == "3.5");
  CHECK_FALSE(Encode("price", Elem(3, "null")).cell.has_value());
  CHECK(Decode("price", std::string_view("3.5")) == Upsert("price", "\"value\":3.5"));
  CHECK(Decode("price", std::string_view("-1.25e-3")) == Upsert("price", "\"value\":-1.25e-3"));
  CHECK(Decode("price", std::string_view(" 7 ")) == Upsert("price", "\"value\":7"));
  CHECK(Decode("price", std::string_view("")) == Upsert("price", "\"value\":null"));
  CHECK(Decode("price", std::nullopt) == Upsert("price", "\"value\":null"));
  CHECK(DecodeError("price", "12,5") == "not a number: \"12,5\" (write digits with a \".\" for decimals)");
  CHECK_THAT(DecodeError("price", "abc"), Catch::StartsWith("not a number: \"abc\""));
  CHECK_THAT(DecodeError("price", "1e999"), Catch::StartsWith("not a number: \"1e999\""));
  CHECK_THAT(DecodeError("price", "+1"), Catch::StartsWith("not a number"));
  CHECK_THAT(DecodeError("price", "NaN"), Catch::StartsWith("not a number"));

  auto bad = EncodeElement(Col("price"), Elem(3, "\"3\""), testing::TestNames());
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() == "element 'price' (number): the value is not a number or null");
}

TEST_CASE("Date and time: ISO 8601 with the display time zone in brackets") {
  auto encoded = Encode("released", Elem(4, "\"2024-01-31T10:00:00Z\"", ",\"display_timezone\":\"Europe/Prague\""));
  CHECK(encoded.cell == std::optional<std::string>("2024-01-31T10:00:00Z[Europe/Prague]"));
  CHECK(encoded.json == "{\"value\":\"2024-01-31T10:00:00Z\",\"display_timezone\":\"Europe/Prague\"}");
  CHECK(Encode("released", Elem(4, "\"2024-01-31T10:00:00Z\"")).cell ==
        std::optional<std::string>("2024-01-31T10:00:00Z"));
  CHECK_FALSE(Encode("released", Elem(4, "null", ",\"display_timezone\":null")).cell.has_value());

  CHECK(Decode("released", std::string_view("2024-01-31T10:00:00Z[Europe/Prague]")) ==
        Upsert("released", "\"value\":\"2024-01-31T10:00:00Z\",\"display_timezone\":\"Europe/Prague\""));
  CHECK(Decode("released", std::string_view("2024-01-31T10:00:00.123+01:00")) ==
        Upsert("released", "\"value\":\"2024-01-31T10:00:00.123+01:00\",\"display_timezone\":null"));
  CHECK(Decode("released", std::nullopt) == Upsert("released", "\"value\":null,\"display_timezone\":null"));
  CHECK_THAT(DecodeError("released", "31/01/2024"), Catch::StartsWith("not an ISO 8601 date and time: \"31/01/2024\""));
  CHECK_THAT(DecodeError("released", "2024-13-01T00:00:00Z"), Catch::StartsWith("not an ISO 8601"));
  CHECK_THAT(DecodeError("released", "2024-01-31T10:00:00"), Catch::StartsWith("not an ISO 8601"));
  CHECK(DecodeError("released", "2024-01-31T10:00:00Z[Europe Prague]") == "not a time zone name: \"Europe Prague\"");
}

TEST_CASE("Multiple choice and taxonomy: codenames - unknown ids stay ids") {
  auto size = Encode("size", Elem(5, "[{\"id\":\"" + Id(52) + "\"},{\"id\":\"" + Id(51) + "\"}]"));
  CHECK(size.cell == std::optional<std::string>("large,small"));
  CHECK(size.json == "[\"large\",\"small\"]");
  CHECK(Encode("size", Elem(5, "[]")).cell == std::optional<std::string>(""));
  CHECK(Encode("topics", Elem(6, "[{\"id\":\"" + Id(62) + "\"}]")).cell == std::optional<std::string>("espresso"));
  CHECK(Encode("topics", Elem(6, "[{\"id\":\"" + Id(99) + "\"}]")).cell == std::optional<std::string>(Id(99)));

  CHECK(Decode("size", std::string_view("large, small")) ==
        Upsert("size", "\"value\":[{\"codename\":\"large\"},{\"codename\":\"small\"}]"));
  CHECK(Decode("size", std::string_view("")) == Upsert("size", "\"value\":[]"));
  CHECK(Decode("size", std::nullopt) == Upsert("size", "\"value\":[]"));
  CHECK(Decode("topics", std::string_view(Id(99))) == Upsert("topics", "\"value\":[{\"id\":\"" + Id(99) + "\"}]"));
  CHECK(DecodeError("topics", "coffee,,espresso") ==
        "empty entry in the list (a \",\" with nothing before or after it)");
  CHECK(DecodeError("topics", "Hot drinks!") == "not a codename or an id: \"Hot drinks!\"");
  CHECK(DecodeError("topics", "coffee\\") == "the list ends with a lone \"\\\"");
}

TEST_CASE("Linked items and subpages: item codenames") {
  auto related = Encode("related", Elem(7, "[{\"id\":\"" + Id(30) + "\"},{\"id\":\"" + Id(98) + "\"}]"));
  CHECK(related.cell == std::optional<std::string>("about_us," + Id(98)));
  CHECK(related.json == "[\"about_us\",\"" + Id(98) + "\"]");
  CHECK(Encode("pages", Elem(8, "[{\"id\":\"" + Id(31) + "\"}]")).cell == std::optional<std::string>("contact"));
  CHECK(Decode("related", std::string_view("about_us," + Id(98))) ==
        Upsert("related", "\"value\":[{\"codename\":\"about_us\"},{\"id\":\"" + Id(98) + "\"}]"));
  CHECK(Decode("pages", std::string_view("contact")) == Upsert("pages", "\"value\":[{\"codename\":\"contact\"}]"));
  CHECK(DecodeError("pages", "about-us") == "not a codename or an id: \"about-us\"");
}

TEST_CASE("Assets: external ids (kbulk-<id> without one), renditions after a semicolon, escapes") {
  auto hero = Encode("hero", Elem(9, "[{\"id\":\"" + Id(40) + "\",\"renditions\":[{\"id\":\"" + Id(42) +
                                         "\"}]},{\"id\":\"" + Id(41) + "\",\"renditions\":[]}]"));
  CHECK(hero.cell == std::optional<std::string>("hero-img;kbulk-" + Id(42) + ",kbulk-" + Id(41)));
  CHECK(hero.json == "[{\"asset\":\"hero-img\",\"renditions\":[\"kbulk-" + Id(42) + "\"]},\"kbulk-" + Id(41) + "\"]");
  CHECK(Decode("hero", std::string_view("hero-img;kbulk-" + Id(42) + ",kbulk-" + Id(41))) ==
        Upsert("hero", "\"value\":[{\"external_id\":\"hero-img\",\"renditions\":[{\"external_id\":\"kbulk-" + Id(42) +
                           "\"}]},{\"external_id\":\"kbulk-" + Id(41) + "\"}]"));
  CHECK(Decode("hero", std::string_view("a\\,b\\;c")) == Upsert("hero", "\"value\":[{\"external_id\":\"a,b;c\"}]"));
  CHECK(Decode("hero", std::string_view(Id(41))) == Upsert("hero", "\"value\":[{\"id\":\"" + Id(41) + "\"}]"));
  CHECK(EscapeListEntry("a,b;c\\d[e") == "a\\,b\\;c\\\\d\\[e");
  CHECK(EscapeListEntry(" x ") == "\\ x\\ ");
  auto split = SplitListCell(EscapeListEntry(" x ") + " , " + EscapeListEntry("a,b"));
  REQUIRE(split.ok());
  CHECK(*split == std::vector<std::string>{" x ", "a,b"});
  CHECK(DecodeError("hero", "a,") == "empty entry in the list (a \",\" with nothing before or after it)");
  CHECK(SourceIdOfExternalId("kbulk-" + Id(41)) == std::optional<std::string>(Id(41)));
  CHECK_FALSE(SourceIdOfExternalId("hero-img").has_value());
}

TEST_CASE("URL slug: the slug, [autogenerated] marks that mode") {
  CHECK(Encode("slug", Elem(10, "\"my-slug\"", ",\"mode\":\"autogenerated\"")).cell ==
        std::optional<std::string>("my-slug[autogenerated]"));
  auto custom = Encode("slug", Elem(10, "\"my-slug\"", ",\"mode\":\"custom\""));
  CHECK(custom.cell == std::optional<std::string>("my-slug"));
  CHECK(custom.json == "{\"value\":\"my-slug\",\"mode\":\"custom\"}");
  CHECK(Decode("slug", std::string_view("my-slug[autogenerated]")) ==
        Upsert("slug", "\"value\":\"my-slug\",\"mode\":\"autogenerated\""));
  CHECK(Decode("slug", std::string_view("new-slug")) == Upsert("slug", "\"value\":\"new-slug\",\"mode\":\"custom\""));
  CHECK(Decode("slug", std::nullopt) == Upsert("slug", "\"value\":\"\",\"mode\":\"autogenerated\""));
}

TEST_CASE("Custom element: the value - CSV's .searchable_value column and JSON keep the searchable value") {
  auto color = Encode("color", Elem(11, "\"#00ffff\"", ",\"searchable_value\":\"cyan\""));
  CHECK(color.cell == std::optional<std::string>("#00ffff"));
  CHECK(color.components == std::optional<std::string>("cyan"));  // the "color.searchable_value" cell
  // CSV back: with its searchable value, an empty one, and none (a missing cell or no such column).
  CHECK(Decode("color", std::string_view("#00ffff"), std::string_view("cyan")) ==
        Upsert("color", "\"value\":\"#00ffff\",\"searchable_value\":\"cyan\""));
  CHECK(Decode("color", std::string_view("#0ff"), std::string_view("")) ==
        Upsert("color", "\"value\":\"#0ff\",\"searchable_value\":\"\""));
  CHECK(Decode("color", std::string_view("#0ff"), std::nullopt) == Upsert("color", "\"value\":\"#0ff\""));
  auto plain = Encode("color", Elem(11, "\"#00ffff\"", ",\"searchable_value\":null"));
  CHECK(plain.cell == std::optional<std::string>("#00ffff"));
  CHECK_FALSE(plain.components.has_value());
  auto empty = Encode("color", Elem(11, "null"));
  CHECK_FALSE(empty.cell.has_value());
  CHECK_FALSE(empty.components.has_value());
  // A searchable value in JSON that is not a string.
  auto bad = DecodeJsonValue(Col("color"), "{\"value\":\"x\",\"searchable_value\":3}");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() == "\"searchable_value\" is not a string");
  CHECK(color.json == "{\"value\":\"#00ffff\",\"searchable_value\":\"cyan\"}");
  CHECK(Decode("color", std::string_view("{\"r\":1}")) == Upsert("color", "\"value\":\"{\\\"r\\\":1}\""));
  auto json = DecodeJsonValue(Col("color"), "{\"value\":\"#00ffff\",\"searchable_value\":\"cyan\"}");
  REQUIRE(json.ok());
  CHECK(*json == Upsert("color", "\"value\":\"#00ffff\",\"searchable_value\":\"cyan\""));
}

TEST_CASE("Rich text: references by external id, components as JSON in upsert form - invalid HTML refused") {
  std::string html = "<p>See <a data-item-id=\\\"" + Id(30) +
                     "\\\">us</a></p><object type=\\\"application/kenticocloud\\\" "
                     "data-type=\\\"item\\\" data-id=\\\"" +
                     Id(31) + "\\\"></object><figure data-asset-id=\\\"" + Id(40) +
                     "\\\"><img src=\\\"#\\\" data-asset-id=\\\"" + Id(40) +
                     "\\\"></figure><object "
                     "type=\\\"application/kenticocloud\\\" data-type=\\\"component\\\" data-id=\\\"" +
                     Id(70) + "\\\"></object>";
  std::string components = ",\"components\":[{\"id\":\"" + Id(70) + "\",\"type\":{\"id\":\"" + Id(20) +
                           "\"},\"elements\":[{\"element\":{\"id\":\"" + Id(21) + "\"},\"value\":\"Note\"}]}]";
  auto body = Encode("body", Elem(2, "\"" + html + "\"", components));
  REQUIRE(body.cell.has_value());
  CHECK_THAT(*body.cell, Catch::Contains("data-item-external-id=\"ext-about\""));
  CHECK_THAT(*body.cell, Catch::Contains("data-external-id=\"kbulk-" + Id(31) + "\""));
  CHECK_THAT(*body.cell, Catch::Contains("<figure data-asset-external-id=\"hero-img\"></figure>"));
  CHECK_THAT(*body.cell, Catch::Contains("data-type=\"component\" data-id=\"" + Id(70) + "\""));
  std::string expected_components = "[{\"id\":\"" + Id(70) +
                                    "\",\"type\":{\"codename\":\"callout\"},\"elements\":"
                                    "[{\"element\":{\"codename\":\"callout_text\"},\"value\":\"Note\"}]}]";
  CHECK(body.components == std::optional<std::string>(expected_components));
  CHECK_THAT(body.json, Catch::StartsWith("{\"value\":\"<p>See") &&
                            Catch::EndsWith(",\"components\":" + expected_components + "}"));
  CHECK_FALSE(Encode("body", Elem(2, "\"<p>x</p>\"", ",\"components\":[]")).components.has_value());

  // Back: the cell and the components cell make the upsert element.
  auto decoded = DecodeCell(Col("body"), *body.cell, *body.components);
  REQUIRE(decoded.ok());
  auto doc = ParseJson(*decoded);
  REQUIRE(doc.ok());
  CHECK(ToJsonString((*doc)["element"]) == "{\"codename\":\"body\"}");
  CHECK(std::string((*doc)["value"].GetString()) == *body.cell);
  CHECK(ToJsonString((*doc)["components"]) == expected_components);
  CHECK(Decode("body", std::nullopt) == Upsert("body", "\"value\":\"<p><br/></p>\",\"components\":[]"));

  CHECK_THAT(DecodeError("body", "<p>ok</p>\n<div>no</div>"),
             Catch::StartsWith("invalid rich text at line 2, column 1: "));
  auto bad_components = DecodeCell(Col("body"), std::string_view("<p>x</p>"), std::string_view("[{"));
  REQUIRE_FALSE(bad_components.ok());
  CHECK_THAT(bad_components.status().message(), Catch::StartsWith("components are not JSON"));
  auto not_components = DecodeCell(Col("body"), std::string_view("<p>x</p>"), std::string_view("[1]"));
  REQUIRE_FALSE(not_components.ok());
  CHECK(not_components.status().message() == "a component is not an object with \"id\", \"type\" and \"elements\"");
}

TEST_CASE("JSON values keep structure and decode like cells") {
  auto list = DecodeJsonValue(Col("topics"), "[\"coffee\",\"espresso\"]");
  REQUIRE(list.ok());
  CHECK(*list == Upsert("topics", "\"value\":[{\"codename\":\"coffee\"},{\"codename\":\"espresso\"}]"));
  auto as_string = DecodeJsonValue(Col("topics"), "\"coffee,espresso\"");
  REQUIRE(as_string.ok());
  CHECK(*as_string == *list);
  auto hero = DecodeJsonValue(Col("hero"), "[{\"asset\":\"a,b\",\"renditions\":[\"r\"]},\"x\"]");
  REQUIRE(hero.ok());
  CHECK(*hero == Upsert("hero",
                        "\"value\":[{\"external_id\":\"a,b\",\"renditions\":[{\"external_id\":\"r\"}]},"
                        "{\"external_id\":\"x\"}]"));
  auto number = DecodeJsonValue(Col("price"), "2.5");
  REQUIRE(number.ok());
  CHECK(*number == Upsert("price", "\"value\":2.5"));
  auto date = DecodeJsonValue(Col("released"), "{\"value\":\"2024-01-31T10:00:00Z\",\"display_timezone\":null}");
  REQUIRE(date.ok());
  CHECK(*date == Upsert("released", "\"value\":\"2024-01-31T10:00:00Z\",\"display_timezone\":null"));
  auto slug = DecodeJsonValue(Col("slug"), "{\"value\":\"s\",\"mode\":\"autogenerated\"}");
  REQUIRE(slug.ok());
  CHECK(*slug == Upsert("slug", "\"value\":\"s\",\"mode\":\"autogenerated\""));
  auto missing = DecodeJsonValue(Col("title"), "null");
  REQUIRE(missing.ok());
  CHECK(*missing == Upsert("title", "\"value\":null"));

  auto wrong = DecodeJsonValue(Col("title"), "12");
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.status().message() == "a JSON number is not a text value");
  auto bad_entry = DecodeJsonValue(Col("related"), "[1]");
  REQUIRE_FALSE(bad_entry.ok());
  CHECK(bad_entry.status().message() == "a list entry is not a string");
  auto bad_mode = DecodeJsonValue(Col("slug"), "{\"value\":\"s\",\"mode\":\"manual\"}");
  REQUIRE_FALSE(bad_mode.ok());
  CHECK(bad_mode.status().message() == "unknown url slug mode \"manual\"");
}

TEST_CASE("Every element type survives cell -> upsert -> (as the API would store it) -> cell") {
  // The upsert form names objects by codename; encoding names them the same way, so an unchanged cell
  // encodes to itself once the target resolves the names to its ids (here: the test model's ids).
  const std::vector<std::pair<std::string, std::string>> cells = {{"title", "Hello, \"you\"\n"},
                                                                  {"price", "42.5"},
                                                                  {"released", "2024-01-31T10:00:00Z[Europe/Prague]"},
                                                                  {"size", "small,large"},
                                                                  {"topics", "espresso"},
                                                                  {"related", "about_us,contact"},
                                                                  {"pages", "contact"},
                                                                  {"slug", "x-y[autogenerated]"},
                                                                  {"color", "#fff"}};
  testing::TestNames names;
  std::map<std::string, std::string> ids = {
      {"small", Id(51)}, {"large", Id(52)}, {"espresso", Id(62)}, {"about_us", Id(30)}, {"contact", Id(31)}};
  for (const auto& [column, cell] : cells) {
    INFO(column);
    auto upsert = ParseJson(Decode(column, std::string_view(cell)));
    REQUIRE(upsert.ok());
    JsonDocument& doc = *upsert;
    doc["element"].RemoveMember("codename");
    doc["element"].AddMember("id", MakeString(Col(column).element_id, doc.GetAllocator()), doc.GetAllocator());
    if (doc["value"].IsArray()) {
      for (JsonValue& ref : doc["value"].GetArray()) {
        std::string codename = ref["codename"].GetString();
        ref.RemoveMember("codename");
        ref.AddMember("id", MakeString(ids.at(codename), doc.GetAllocator()), doc.GetAllocator());
      }
    }
    auto again = EncodeElement(Col(column), ToJsonString(doc), names);
    REQUIRE(again.ok());
    CHECK(again->cell == std::optional<std::string>(cell));
  }
}

}  // namespace
}  // namespace kbulk::feeds
