// The fault matrix's runs: a fault-free reference (export of the seeded environment, its import into an
// empty one, and the export of that), the same export and import against an emulator that injects faults,
// and the comparisons that show nothing was lost or duplicated (kbulk diff clean, every count equal).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "tests/support/kbulk_process.h"

namespace kbulk::testing {

// What a fault-free run produced, computed once per seed.
struct Reference {
  std::string source;  // export of the seeded environment
  std::string target;  // export of an empty environment after the import of `source`
};
Reference MakeReference(const TempDir& dir, const std::string& seed);

// Faults injected so far by kind ("429", "500", "503", "reset", "truncate", "slow"; API and CDN summed).
std::map<std::string, std::uint64_t> InjectedFaults(const Emulator& emu);
std::uint64_t Total(const std::map<std::string, std::uint64_t>& faults);
// b - a per kind, as "429=3 reset=1 ...".
std::string Describe(const std::map<std::string, std::uint64_t>& a, const std::map<std::string, std::uint64_t>& b);

// `kbulk export` of environment `env`; REQUIREs exit 0.
void ExportEnvironment(const Emulator& emu, std::size_t env, const std::string& archive);
// `kbulk import archive` into environment `env`; REQUIREs exit 0 and no failure in the summary.
void ImportArchive(const Emulator& emu, std::size_t env, const std::string& archive);

// Records per entity kind from `kbulk inspect --json` (blobs included).
std::map<std::string, std::int64_t> Counts(const std::string& archive);
std::int64_t Objects(const std::map<std::string, std::int64_t>& counts);

// CHECKs `kbulk diff a b` is clean and every count is equal; returns the objects compared.
std::int64_t CheckSame(const std::string& expected, const std::string& actual);

// The fault seed: KBULK_FAULT_SEED when set (to replay or explore), else `fixed`.
std::uint64_t FaultSeed(std::uint64_t fixed);

// One line of figures for docs/reliability.md, printed on stdout (ctest -V shows it).
void PrintFigures(const std::string& line);

}  // namespace kbulk::testing
