#include "tests/importer/import_support.h"

#include <httplib.h>
#include <catch2/catch.hpp>

#include "tests/exporter/archive_content.h"

namespace kbulk::testing {
namespace {

std::vector<std::string> With(std::vector<std::string> args, const Emulator& emu, std::size_t env) {
  for (const auto& a : emu.ConnectionArgs(env)) args.push_back(a);
  return args;
}

std::map<std::string, std::string> Codenames(const ArchiveContent& archive, const std::string& entry) {
  std::map<std::string, std::string> names;
  auto it = archive.records.find(entry);
  if (it == archive.records.end()) return names;
  for (const auto& record : it->second) {
    auto doc = ParseJson(record);
    REQUIRE(doc.ok());
    names[std::string(StringMember(*doc, "id").value_or(""))] =
        std::string(StringMember(*doc, "codename").value_or(""));
  }
  return names;
}

std::string IdOf(const JsonValue& object, const char* member) {
  const JsonValue* ref = Member(object, member);
  return ref ? std::string(StringMember(*ref, "id").value_or("")) : "";
}

}  // namespace

void ExportOrFail(const Emulator& emu, std::size_t env, const std::string& archive,
                  const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"export", "-o", archive, "--rate-limit", "off", "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto run = RunKbulk(With(args, emu, env), emu.ConnectionEnv());
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
}

ProcessResult Import(const Emulator& emu, std::size_t env, const std::string& archive,
                     const std::vector<std::string>& extra, const std::string& stdin_file) {
  std::vector<std::string> args = {"import", archive, "--rate-limit", "off", "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  return RunKbulk(With(args, emu, env), emu.ConnectionEnv(), stdin_file);
}

ProcessResult Diff(const std::string& a, const std::string& b) {
  return RunKbulk({"diff", a, b, "--json"});
}

JsonDocument Stats(const Emulator& emu) {
  auto doc = ParseJson(emu.Get("/_emulator/stats"));
  REQUIRE(doc.ok());
  return std::move(*doc);
}

std::uint64_t Writes(const Emulator& emu) {
  auto stats = Stats(emu);
  return static_cast<std::uint64_t>(IntMember(stats, "writes").value_or(-1));
}

void ResetStats(const Emulator& emu) {
  emu.Post("/_emulator/stats/reset");
}

std::uint64_t RequestsMatching(const Emulator& emu, const std::string& needle) {
  auto stats = Stats(emu);
  std::uint64_t n = 0;
  const JsonValue* requests = Member(stats, "requests");
  if (requests == nullptr || !requests->IsObject()) return 0;
  for (const auto& route : requests->GetObject()) {
    if (std::string(route.name.GetString()).find(needle) == std::string::npos) continue;
    for (const auto& status : route.value.GetObject()) n += status.value.GetUint64();
  }
  return n;
}

std::map<std::string, std::string> WorkflowStates(const std::string& path) {
  ArchiveContent archive = ReadArchive(path);
  auto items = Codenames(archive, "content/items.ndjson");
  auto languages = Codenames(archive, "model/languages.ndjson");
  std::map<std::string, std::string> steps;  // step id -> workflow/step
  for (const auto& record : archive.records["model/workflows.ndjson"]) {
    auto doc = ParseJson(record);
    REQUIRE(doc.ok());
    std::string workflow(StringMember(*doc, "codename").value_or(""));
    auto learn = [&](const JsonValue& step) {
      steps[std::string(StringMember(step, "id").value_or(""))] =
          workflow + "/" + std::string(StringMember(step, "codename").value_or(""));
    };
    if (const JsonValue* list = Member(*doc, "steps"))
      for (const auto& step : list->GetArray()) learn(step);
    for (const char* special : {"published_step", "scheduled_step", "archived_step"})
      if (const JsonValue* step = Member(*doc, special)) learn(*step);
  }
  std::map<std::string, std::string> states;
  for (const auto& record : archive.records["content/variants.ndjson"]) {
    auto doc = ParseJson(record);
    REQUIRE(doc.ok());
    const JsonValue& variant = (*doc)["variant"];
    std::string version(StringMember((*doc)["kbulk"], "version").value_or("?"));
    std::string key = items[IdOf(variant, "item")] + "/" + languages[IdOf(variant, "language")] + "/" + version;
    std::string state;
    if (const JsonValue* workflow = Member(variant, "workflow")) state = steps[IdOf(*workflow, "step_identifier")];
    if (const JsonValue* schedule = Member(variant, "schedule")) state += " schedule " + ToJsonString(*schedule);
    if (const JsonValue* due = Member(variant, "due_date")) state += " due " + ToJsonString(*due);
    states[key] = state;
  }
  return states;
}

std::pair<int, std::string> Api(const Emulator& emu, std::size_t env, const std::string& method,
                                const std::string& path, const std::string& body) {
  httplib::Client client(emu.origin());
  std::string full = emu.base_url().substr(emu.origin().size()) + "/projects/" + emu.environment_id(env) + path;
  httplib::Headers headers = {{"Authorization", "Bearer " + emu.api_key()}};
  httplib::Result res = method == "GET"     ? client.Get(full.c_str(), headers)
                        : method == "PATCH" ? client.Patch(full.c_str(), headers, body, "application/json")
                        : method == "PUT"   ? client.Put(full.c_str(), headers, body, "application/json")
                        : method == "POST"  ? client.Post(full.c_str(), headers, body, "application/json")
                                            : client.Delete(full.c_str(), headers);
  REQUIRE(res);
  return {res->status, res->body};
}

JsonDocument Summary(const ProcessResult& run) {
  auto doc = ParseJson(run.out);
  INFO(run.out << run.err);
  REQUIRE(doc.ok());
  return std::move(*doc);
}

}  // namespace kbulk::testing
