// Support for the model importer's tests: API clients on emulator environments, an environment's model
// read through the API (what an archive holds) and fed to a ModelImporter, and the emulator's counters.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "api/management_client.h"
#include "core/entity_kind.h"
#include "core/json.h"
#include "importer/import_report.h"
#include "importer/model_import.h"
#include "tests/support/kbulk_process.h"
#include "tests/support/zip_fixture.h"

namespace kbulk::testing {

std::unique_ptr<api::ManagementClient> ClientFor(const Emulator& emu, std::size_t env, std::uint32_t attempts = 8);

// An environment's model records as the exporter writes them (one record per object; collections and
// top-level folders one each; the preview configuration and Web Spotlight status as documents).
using ModelRecords = std::vector<std::pair<EntityKind, std::string>>;
ModelRecords ReadModel(api::ManagementClient& client);

// Runs the model phase with `records` against `client`: Plan, then (unless a conflict or dry run) both
// Apply steps. Returns the report.
struct ModelRun {
  std::unique_ptr<importer::ImportReport> report = std::make_unique<importer::ImportReport>();
  bool conflicts = false;
  Status before, after;
};
ModelRun RunModel(api::ManagementClient& client, const ModelRecords& records,
                  importer::ModelImportOptions options = {});

// GET/POST/PATCH on an environment's API: status and body.
std::pair<int, std::string> Api(const Emulator& emu, std::size_t env, const std::string& method,
                                const std::string& path, const std::string& body = "");
JsonDocument ApiJson(const Emulator& emu, std::size_t env, const std::string& path);

std::uint64_t Writes(const Emulator& emu);    // write requests the emulator answered since the last reset
std::uint64_t Requests(const Emulator& emu);  // all API requests since the last reset
std::uint64_t Faults(const Emulator& emu);    // faults injected since the last reset
void ResetStats(const Emulator& emu);

// Codenames of the objects of a list body (array, or the array under `key`).
std::vector<std::string> Codenames(const JsonValue& list, const char* key = nullptr);

}  // namespace kbulk::testing
