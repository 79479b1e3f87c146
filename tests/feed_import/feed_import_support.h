// Helpers for the feed import's end-to-end tests: run `kbulk feed import` / `kbulk feed export` against an
// emulator environment, write feed files, and read a variant's element values by codename through the API.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "tests/importer/import_support.h"

namespace kbulk::testing {

// The sample seed's Published step (shared by its workflows).
inline constexpr const char* kPublishedStepId = "c199950d-99f0-4983-b711-6c4c91624b22";

// `kbulk feed import FILE --type TYPE --rate-limit off --json` + `extra` against environment `env`.
ProcessResult FeedImport(const Emulator& emu, std::size_t env, const std::string& file, const std::string& type,
                         const std::vector<std::string>& extra = {});

void WriteFile(const std::string& path, const std::string& bytes);

// element codename -> its "value" as JSON, of the latest (or the published) version; REQUIREs the variant.
std::map<std::string, std::string> ElementValues(const Emulator& emu, std::size_t env, const std::string& item,
                                                 const std::string& language, bool published = false);
// The id of the step the variant's latest version is in.
std::string StepId(const Emulator& emu, std::size_t env, const std::string& item, const std::string& language);

}  // namespace kbulk::testing
