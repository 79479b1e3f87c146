// Helpers for the importer's end-to-end tests: export/import/diff runs against a two-environment
// emulator, the emulator's write counts, and every variant's workflow state by codename.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/json.h"
#include "tests/support/kbulk_process.h"

namespace kbulk::testing {

// `kbulk export -o archive` of environment `env` (plus `extra`), REQUIREd to succeed.
void ExportOrFail(const Emulator& emu, std::size_t env, const std::string& archive,
                  const std::vector<std::string>& extra = {});
// `kbulk import archive` into environment `env` with `--rate-limit off --json` and `extra`.
ProcessResult Import(const Emulator& emu, std::size_t env, const std::string& archive,
                     const std::vector<std::string>& extra = {}, const std::string& stdin_file = "");
// `kbulk diff a b --json`.
ProcessResult Diff(const std::string& a, const std::string& b);

// The emulator's /_emulator/stats.
JsonDocument Stats(const Emulator& emu);
std::uint64_t Writes(const Emulator& emu);
void ResetStats(const Emulator& emu);
// Requests counted under routes whose key contains `needle` (e.g. "PUT /v2/projects/{environment_id}/items").
std::uint64_t RequestsMatching(const Emulator& emu, const std::string& needle);

// item codename/language codename/version -> "workflow/step schedule due_date" for every variant record.
std::map<std::string, std::string> WorkflowStates(const std::string& archive);

// One API call to environment `env` (path below /projects/{id}); returns status and body.
std::pair<int, std::string> Api(const Emulator& emu, std::size_t env, const std::string& method,
                                const std::string& path, const std::string& body = "");

// The import's --json summary, REQUIREd to parse.
JsonDocument Summary(const ProcessResult& run);

}  // namespace kbulk::testing
