// JSON helpers: parse errors with offsets, lossless round trips, safe member access.
#include <catch2/catch.hpp>

#include "core/json.h"

TEST_CASE("json parse errors name the offset") {
  auto r = kbulk::ParseJson(R"({"a": })");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().find("byte 6") != std::string::npos);
}

TEST_CASE("json round-trips without losing numbers or unicode") {
  std::string text = R"({"a":1.5,"b":12345678901234567,"c":"\u017elu\u0165ou\u010dk\u00fd","d":[true,null,-0.1]})";
  auto doc = kbulk::ParseJson(text);
  REQUIRE(doc.ok());
  std::string out = kbulk::ToJsonString(*doc);
  auto again = kbulk::ParseJson(out);
  REQUIRE(again.ok());
  CHECK(*again == *doc);
  CHECK(out.find("12345678901234567") != std::string::npos);
}

TEST_CASE("member access never asserts on the wrong type") {
  auto doc = kbulk::ParseJson(R"({"s":"x","i":3,"b":true})");
  REQUIRE(doc.ok());
  CHECK(kbulk::StringMember(*doc, "s") == "x");
  CHECK_FALSE(kbulk::StringMember(*doc, "i").has_value());
  CHECK(kbulk::IntMember(*doc, "i") == 3);
  CHECK(kbulk::BoolMember(*doc, "b") == true);
  CHECK(kbulk::Member(*doc, "missing") == nullptr);
  kbulk::JsonValue array(rapidjson::kArrayType);
  CHECK(kbulk::Member(array, "s") == nullptr);
}

TEST_CASE("json writer escapes and embeds raw values") {
  kbulk::JsonWriter w;
  w.StartObject().Key("q").String("a\"b\n").Key("raw").Raw(R"({"x":1})").EndObject();
  CHECK(w.view() == R"({"q":"a\"b\n","raw":{"x":1}})");
}

TEST_CASE("zeros RapidJSON 1.1.0 converts wrongly in full precision parse as zero, other numbers exactly") {
  // "0e42" gave -1.55e231 and "0." + 40 zeros -5.8e-275 before ParseJson sent them to normal precision.
  for (const char* text :
       {"[0e42]", "[0e-30]", "[-0.0E+40]", "[0.0e1]", "[0.0000000000000000000000000000000000000000000]", "[0e0]"}) {
    INFO(text);
    auto doc = kbulk::ParseJson(text);
    REQUIRE(doc.ok());
    CHECK((*doc)[0].GetDouble() == 0.0);
  }
  // A document without such a zero keeps full precision: 0.0 itself does not switch it.
  auto doc = kbulk::ParseJson("[0.0, 1.2345678901234567e-200, 0.30000000000000004]");
  REQUIRE(doc.ok());
  CHECK((*doc)[0].GetDouble() == 0.0);
  CHECK((*doc)[1].GetDouble() == 1.2345678901234567e-200);
  CHECK((*doc)[2].GetDouble() == 0.30000000000000004);
}
