// The safe-restore steps of `kbulk import` (cli/cmd_import_restore.cc): --new-environment NAME clones the
// target without content and points the import at the clone; --validate runs the API's content validation
// afterwards and classifies its issues (importer/post_validation.h); --mark-production swaps the clone in
// only when the import and the validation were clean. cmd_import.cc calls the four hooks below.
#pragma once

#include <string>

#include "api/client_options.h"
#include "api/management_client.h"
#include "cli/command.h"
#include "core/log.h"
#include "importer/import_options.h"

namespace CLI {
class App;
}

namespace kbulk::cli {

struct RestoreFlags {
  std::string new_environment;
  bool mark_production = false;
  bool enable_webhooks = true;
  int clone_timeout = 3600;
  bool validate = false;
  bool accept_issues = false;
  int validation_timeout = 3600;
};

struct CloneState {
  std::string source_id;  // the environment the import was pointed at (production stays there)
  std::string id;         // the clone's id, once it exists
};

// The safe-restore flags and the clone made for them, owned by the import command.
struct ImportRestore {
  RestoreFlags flags;
  CloneState clone;
};

// --new-environment, --mark-production, --disable-webhooks, --clone-timeout, --validate,
// --accept-validation-issues, --validation-timeout.
void AddImportRestoreOptions(CLI::App& app, ImportRestore& restore);

// Before the import: refuses contradictory flags (returns 2); with --new-environment clones the environment
// `client_options` names, waits for the clone and points `client_options` at it (returns 4 on failure, the
// target untouched). Returns kExitOk when the import may go on, else the command's exit code.
int BeforeImport(ImportRestore& restore, api::ClientOptions& client_options, const importer::ImportOptions& options,
                 const CommonOptions& common, Logger& log);

// After an import that finished with `exit_code` (0 or 3): validation, then the production swap. Returns
// the command's exit code (1 when validation found new issues and they were not accepted).
int AfterImport(const ImportRestore& restore, api::ManagementClient& client, const importer::ImportOptions& options,
                const CommonOptions& common, int exit_code, Logger& log);

// On a failed import: says where the half-done clone is (nothing without --new-environment).
void OnImportFailed(const ImportRestore& restore, Logger& log);

}  // namespace kbulk::cli
