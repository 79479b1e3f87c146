#include "tests/faults/fault_support.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <iostream>

#include "core/json.h"

namespace kbulk::testing {
namespace {

std::vector<std::string> With(std::vector<std::string> args, const Emulator& emu, std::size_t env) {
  for (const auto& a : emu.ConnectionArgs(env)) args.push_back(a);
  return args;
}

}  // namespace

Reference MakeReference(const TempDir& dir, const std::string& seed) {
  Emulator clean({"--seed", seed, "--environments", "2", "--rate-limit", "off"});
  Reference ref{dir / "reference-source.tar.zst", dir / "reference-target.tar.zst"};
  ExportEnvironment(clean, 0, ref.source);
  ImportArchive(clean, 1, ref.source);
  ExportEnvironment(clean, 1, ref.target);
  return ref;
}

std::map<std::string, std::uint64_t> InjectedFaults(const Emulator& emu) {
  auto doc = ParseJson(emu.Get("/_emulator/faults"));
  REQUIRE(doc.ok());
  std::map<std::string, std::uint64_t> out;
  for (const char* part : {"api", "binaries"}) {
    const JsonValue* counts = Member(*doc, part);
    REQUIRE(counts != nullptr);
    REQUIRE(counts->IsObject());
    for (const auto& kind : counts->GetObject()) {
      const std::string name = kind.name.GetString();
      if (name != "total") out[name] += kind.value.GetUint64();
    }
  }
  return out;
}

std::uint64_t Total(const std::map<std::string, std::uint64_t>& faults) {
  std::uint64_t total = 0;
  for (const auto& [kind, n] : faults) total += n;
  return total;
}

std::string Describe(const std::map<std::string, std::uint64_t>& a, const std::map<std::string, std::uint64_t>& b) {
  std::string out;
  for (const auto& [kind, n] : b) {
    auto it = a.find(kind);
    const std::uint64_t before = it == a.end() ? 0 : it->second;
    if (n == before) continue;
    if (!out.empty()) out += " ";
    out += kind + "=" + std::to_string(n - before);
  }
  return out.empty() ? "none" : out;
}

void ExportEnvironment(const Emulator& emu, std::size_t env, const std::string& archive) {
  auto run = RunKbulk(With({"export", "-o", archive, "--rate-limit", "off", "--json"}, emu, env), emu.ConnectionEnv());
  INFO("export of environment " << env << " into " << archive << ":\n" << run.err);
  REQUIRE(run.exit_code == 0);
  auto summary = ParseJson(run.out);
  REQUIRE(summary.ok());
  const JsonValue* failures = Member(*summary, "failures");
  REQUIRE(failures != nullptr);
  CHECK(failures->Size() == 0);
}

void ImportArchive(const Emulator& emu, std::size_t env, const std::string& archive) {
  auto run = RunKbulk(With({"import", archive, "--rate-limit", "off", "--json"}, emu, env), emu.ConnectionEnv());
  INFO("import of " << archive << " into environment " << env << ":\n" << run.err);
  REQUIRE(run.exit_code == 0);
  auto summary = ParseJson(run.out);
  REQUIRE(summary.ok());
  CHECK(IntMember((*summary)["report"], "failure_count").value_or(-1) == 0);
}

std::map<std::string, std::int64_t> Counts(const std::string& archive) {
  auto run = RunKbulk({"inspect", archive, "--json"});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  auto doc = ParseJson(run.out);
  REQUIRE(doc.ok());
  const JsonValue* totals = Member(*doc, "totals");
  REQUIRE(totals != nullptr);
  REQUIRE(totals->IsObject());
  std::map<std::string, std::int64_t> out;
  for (const auto& kind : totals->GetObject())
    out[kind.name.GetString()] = IntMember(kind.value, "records").value_or(-1);
  return out;
}

std::int64_t Objects(const std::map<std::string, std::int64_t>& counts) {
  std::int64_t n = 0;
  for (const auto& [kind, records] : counts) n += records;
  return n;
}

std::int64_t CheckSame(const std::string& expected, const std::string& actual) {
  auto diff = RunKbulk({"diff", expected, actual, "--json"});
  INFO("kbulk diff " << expected << " " << actual << ":\n" << diff.out << diff.err);
  CHECK(diff.exit_code == 0);
  const auto want = Counts(expected);
  const auto got = Counts(actual);
  for (const auto& [kind, n] : want) {
    INFO("records of " << kind);
    CHECK(got.count(kind) == 1);
    if (got.count(kind) == 1) CHECK(got.at(kind) == n);
  }
  CHECK(got.size() == want.size());
  CHECK(Objects(want) > 0);
  return Objects(want);
}

std::uint64_t FaultSeed(std::uint64_t fixed) {
  const char* env = std::getenv("KBULK_FAULT_SEED");
  if (env != nullptr && *env != '\0') return std::strtoull(env, nullptr, 10);
  return fixed;
}

void PrintFigures(const std::string& line) {
  std::cout << line << std::endl;
  WARN(line);
}

}  // namespace kbulk::testing
