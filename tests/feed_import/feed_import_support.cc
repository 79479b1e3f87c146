#include "tests/feed_import/feed_import_support.h"

#include <catch2/catch.hpp>

#include <fstream>

namespace kbulk::testing {

ProcessResult FeedImport(const Emulator& emu, std::size_t env, const std::string& file, const std::string& type,
                         const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"feed", "import", file, "--type", type, "--rate-limit", "off", "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  for (const auto& a : emu.ConnectionArgs(env)) args.push_back(a);
  return RunKbulk(args, emu.ConnectionEnv());
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  REQUIRE(out.good());
}

std::map<std::string, std::string> ElementValues(const Emulator& emu, std::size_t env, const std::string& item,
                                                 const std::string& language, bool published) {
  auto [status, body] = Api(
      emu, env, "GET", "/items/codename/" + item + "/variants/codename/" + language + (published ? "/published" : ""));
  INFO(body);
  REQUIRE(status == 200);
  auto variant = ParseJson(body);
  REQUIRE(variant.ok());
  auto [item_status, item_body] = Api(emu, env, "GET", "/items/codename/" + item);
  REQUIRE(item_status == 200);
  auto item_doc = ParseJson(item_body);
  REQUIRE(item_doc.ok());
  std::string type_id(StringMember((*item_doc)["type"], "id").value_or(""));
  auto [type_status, type_body] = Api(emu, env, "GET", "/types/" + type_id);
  REQUIRE(type_status == 200);
  auto type = ParseJson(type_body);
  REQUIRE(type.ok());
  std::map<std::string, std::string> codenames;
  for (const auto& element : (*type)["elements"].GetArray())
    codenames[std::string(StringMember(element, "id").value_or(""))] =
        std::string(StringMember(element, "codename").value_or(""));
  std::map<std::string, std::string> values;
  for (const auto& element : (*variant)["elements"].GetArray()) {
    std::string id(StringMember(element["element"], "id").value_or(""));
    const JsonValue* value = Member(element, "value");
    if (codenames.count(id)) values[codenames[id]] = value ? ToJsonString(*value) : "null";
  }
  return values;
}

std::string StepId(const Emulator& emu, std::size_t env, const std::string& item, const std::string& language) {
  auto [status, body] = Api(emu, env, "GET", "/items/codename/" + item + "/variants/codename/" + language);
  REQUIRE(status == 200);
  auto variant = ParseJson(body);
  REQUIRE(variant.ok());
  return std::string(StringMember((*variant)["workflow"]["step_identifier"], "id").value_or(""));
}

}  // namespace kbulk::testing
