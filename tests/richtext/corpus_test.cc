// Runs the spec-derived corpus in corpus/*.cases. Each case is
//   ## name | valid            or   ## name | code          [| {element definition JSON}]
// followed by the HTML (up to the next "##" line, final newline dropped). In an invalid case the marker @@ in
// the HTML marks where the first violation must be reported (it is removed before validating); without a
// marker the violation belongs to the whole value (offset 0). "_components" in the JSON is the variant's
// components array and "_depth" the component nesting depth. Lines starting with "# " are comments.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/json.h"
#include "richtext/validator.h"

namespace rt = kbulk::richtext;

namespace {

struct Case {
  std::string file;
  int line = 0;
  std::string name;
  std::string expectation;
  std::string definition;
  std::string html;
};

std::string Trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t"));
  s.erase(s.find_last_not_of(" \t\r") + 1);
  return s;
}

std::vector<Case> LoadCases() {
  std::vector<Case> cases;
  std::filesystem::path dir = std::string(KBULK_SOURCE_DIR) + "/tests/richtext/corpus";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".cases") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (line.rfind("##", 0) == 0) {
        Case c;
        c.file = path.filename().string();
        c.line = number;
        std::stringstream header(line.substr(2));
        std::string part;
        std::vector<std::string> parts;
        while (std::getline(header, part, '|')) parts.push_back(Trim(part));
        REQUIRE(parts.size() >= 2);
        c.name = parts[0];
        c.expectation = parts[1];
        for (std::size_t i = 2; i < parts.size(); ++i) c.definition += (i > 2 ? "|" : "") + parts[i];
        cases.push_back(std::move(c));
      } else if (line.rfind("# ", 0) == 0 || line == "#") {
        continue;  // a comment
      } else if (!cases.empty()) {
        cases.back().html += line + "\n";
      }
    }
  }
  for (Case& c : cases) {
    if (!c.html.empty()) c.html.pop_back();
  }
  return cases;
}

// Fixed look-ups the corpus cases refer to.
std::optional<rt::TypeRef> ItemType(std::string_view id) {
  static const std::map<std::string, std::string, std::less<>> kTypes = {
      {"11111111-1111-4111-8111-111111111111", "article"}, {"22222222-2222-4222-8222-222222222222", "news"}};
  auto it = kTypes.find(id);
  if (it == kTypes.end()) return std::nullopt;
  return rt::TypeRef{"", it->second};
}

std::optional<rt::AssetInfo> Asset(std::string_view id) {
  if (id == "aaaaaaaa-aaaa-4aaa-8aaa-000000000001") return rt::AssetInfo{1000, 800, 600, true};
  if (id == "aaaaaaaa-aaaa-4aaa-8aaa-000000000002") return rt::AssetInfo{5000000, 4000, 3000, false};
  return std::nullopt;
}

}  // namespace

TEST_CASE("corpus: every spec-derived case gives the expected verdict, code and location", "[richtext][corpus]") {
  std::vector<Case> cases = LoadCases();
  std::size_t valid = 0;
  std::size_t invalid = 0;
  std::map<std::string, int> codes;
  for (const Case& c : cases) {
    INFO(c.file << ":" << c.line << " " << c.name);
    std::string html = c.html;
    std::size_t marker = html.find("@@");
    std::size_t expected_offset = marker == std::string::npos ? 0 : marker;
    if (marker != std::string::npos) html.erase(marker, 2);
    INFO("html: " << html);
    kbulk::JsonDocument definition;
    rt::ValidationContext context;
    if (!c.definition.empty()) {
      auto parsed = kbulk::ParseJson(c.definition);
      REQUIRE(parsed.ok());
      definition = std::move(*parsed);
      context.element_definition = &definition;
      context.components = kbulk::Member(definition, "_components");
      if (auto depth = kbulk::IntMember(definition, "_depth")) context.component_depth = static_cast<int>(*depth);
    }
    context.item_type = ItemType;
    context.asset = Asset;
    std::vector<rt::Violation> violations = rt::Validate(html, context);
    for (const auto& v : violations) UNSCOPED_INFO(v.code << " at " << v.line << ":" << v.column << " " << v.message);
    if (c.expectation == "valid") {
      ++valid;
      CHECK(violations.empty());
      continue;
    }
    ++invalid;
    ++codes[c.expectation];
    REQUIRE_FALSE(violations.empty());
    CHECK(violations[0].code == c.expectation);
    CHECK(violations[0].offset == expected_offset);
    int line = 1;
    int column = 1;
    for (std::size_t i = 0; i < expected_offset; ++i) {
      if (html[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    CHECK(violations[0].line == line);
    CHECK(violations[0].column == column);
  }
  INFO(valid << " valid and " << invalid << " invalid cases, " << codes.size() << " codes");
  CHECK(cases.size() >= 150);
  CHECK(valid >= 40);
  CHECK(invalid >= 100);
}

TEST_CASE("corpus: the 100,000-character limit counts characters, not bytes", "[richtext][corpus]") {
  std::string inside(rt::kMaxRichTextLength - 7, 'a');  // "<p>" + text + "</p>" is exactly the limit
  CHECK(rt::Validate("<p>" + inside + "</p>").empty());
  auto over = rt::Validate("<p>" + inside + "a</p>");
  REQUIRE(over.size() == 1);
  CHECK(over[0].code == "too_long");
  CHECK(over[0].offset == rt::kMaxRichTextLength);
  std::string accented;
  for (std::size_t i = 0; i < rt::kMaxRichTextLength - 7; ++i) accented += "\xC3\xA9";  // é: 2 bytes, 1 char
  CHECK(rt::Validate("<p>" + accented + "</p>").empty());
}
