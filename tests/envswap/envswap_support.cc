#include "tests/envswap/envswap_support.h"

#include <httplib.h>
#include <catch2/catch.hpp>

namespace kbulk::testing {

std::pair<int, std::string> ApiOn(const Emulator& emu, const std::string& environment_id, const std::string& method,
                                  const std::string& path, const std::string& body) {
  httplib::Client client(emu.origin());
  std::string full = emu.base_url().substr(emu.origin().size()) + "/projects/" + environment_id + path;
  httplib::Headers headers = {{"Authorization", "Bearer " + emu.api_key()}};
  httplib::Result res = method == "GET"     ? client.Get(full.c_str(), headers)
                        : method == "PATCH" ? client.Patch(full.c_str(), headers, body, "application/json")
                        : method == "PUT"   ? client.Put(full.c_str(), headers, body, "application/json")
                        : method == "POST"  ? client.Post(full.c_str(), headers, body, "application/json")
                                            : client.Delete(full.c_str(), headers);
  REQUIRE(res);
  return {res->status, res->body};
}

JsonDocument ApiOk(const Emulator& emu, const std::string& environment_id, const std::string& method,
                   const std::string& path, const std::string& body) {
  auto [status, text] = ApiOn(emu, environment_id, method, path, body);
  INFO(method << " " << path << " " << body << " -> " << status << " " << text);
  REQUIRE(status / 100 == 2);
  if (text.empty()) return JsonDocument();
  auto doc = ParseJson(text);
  REQUIRE(doc.ok());
  return std::move(*doc);
}

std::vector<std::string> ConnectionTo(const Emulator& emu, const std::string& environment_id) {
  return {"--base-url", emu.base_url(), "--environment-id", environment_id, "--rate-limit", "off"};
}

bool IsProduction(const Emulator& emu, const std::string& environment_id) {
  std::vector<std::string> args = {"env", "info"};
  for (const auto& a : ConnectionTo(emu, environment_id)) args.push_back(a);
  auto run = RunKbulk(args, emu.ConnectionEnv());
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  auto doc = ParseJson(run.out);
  REQUIRE(doc.ok());
  return BoolMember(*doc, "is_production").value_or(false);
}

void MakeArticleType(const Emulator& emu, const std::string& environment_id, int title_limit) {
  ApiOk(emu, environment_id, "POST", "/types",
        R"({"name":"Article","codename":"article","elements":[)"
        R"({"name":"Title","codename":"title","type":"text","maximum_text_length":{"value":)" +
            std::to_string(title_limit) +
            R"(,"applies_to":"characters"}},)"
            R"({"name":"Related","codename":"related","type":"modular_content"}]})");
}

std::string MakeArticle(const Emulator& emu, const std::string& environment_id, const std::string& codename,
                        const std::string& external_id, const std::string& title,
                        const std::vector<std::string>& related, const std::string& name) {
  const std::string item = R"({"name":")" + (name.empty() ? codename : name) + R"(","codename":")" + codename +
                           R"(","type":{"codename":"article"}})";
  JsonDocument created = external_id.empty()
                             ? ApiOk(emu, environment_id, "POST", "/items", item)
                             : ApiOk(emu, environment_id, "PUT", "/items/external-id/" + external_id, item);
  std::string id(StringMember(created, "id").value_or(""));
  std::string links;
  for (const auto& r : related) {
    links += links.empty() ? "" : ",";
    links += r.rfind("id:", 0) == 0 ? R"({"id":")" + r.substr(3) + R"("})" : R"({"external_id":")" + r + R"("})";
  }
  ApiOk(emu, environment_id, "PUT", "/items/" + id + "/variants/codename/default",
        R"({"elements":[{"element":{"codename":"title"},"value":")" + title +
            R"("},{"element":{"codename":"related"},"value":[)" + links + "]}]}");
  return id;
}

void MakeSourceSet(const Emulator& emu, const std::string& environment_id) {
  MakeArticleType(emu, environment_id, 10);
  std::string short_id = MakeArticle(emu, environment_id, "short", "", "ok");
  MakeArticle(emu, environment_id, "medium", "ext-medium", "abcdefgh");
  MakeArticle(emu, environment_id, "long", "ext-long", "much too long a title");
  MakeArticle(emu, environment_id, "linker", "ext-linker", "links", {"id:" + short_id, "ghost"});
}

std::vector<std::pair<std::string, std::string>> Items(const Emulator& emu, const std::string& environment_id) {
  JsonDocument list = ApiOk(emu, environment_id, "GET", "/items");
  std::vector<std::pair<std::string, std::string>> out;
  for (const JsonValue& item : list["items"].GetArray())
    out.emplace_back(std::string(StringMember(item, "codename").value_or("")), ToJsonString(item));
  return out;
}

}  // namespace kbulk::testing
