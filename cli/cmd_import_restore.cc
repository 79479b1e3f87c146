// Safe-restore steps of `kbulk import` (see cli/import_restore.h, docs/import.md): not a command of its
// own, the options and hooks cmd_import.cc calls.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/exit_codes.h"
#include "cli/import_restore.h"
#include "cli/render_progress.h"
#include "importer/environment_swap.h"
#include "importer/post_validation.h"

namespace kbulk::cli {
namespace {

std::string WhereTheCloneIs(const ImportRestore& restore) {
  const RestoreFlags& flags = restore.flags;
  const CloneState& clone_state = restore.clone;
  return "the new " + importer::DescribeClone(flags.new_environment, clone_state.id) +
         " holds the partial import; environment " + clone_state.source_id +
         " was not touched and is still what it was (production included). Import into the clone again with "
         "--environment-id " +
         clone_state.id + ", or delete it: kbulk env delete --environment-id " + clone_state.id + " --yes";
}

void PrintIssue(const importer::ValidationIssue& issue, Logger& log) {
  std::string where = issue.type_issue
                          ? "content type '" + issue.item_codename + "'"
                          : "item '" + issue.item_codename + "' language '" + issue.language_codename + "'";
  std::string text = std::string(importer::IssueOriginName(issue.origin)) + " issue: " + where + " element '" +
                     (issue.element_codename.empty() ? issue.element_id : issue.element_codename) + "':";
  for (const std::string& m : issue.messages) text += " " + m;
  text += " (" + issue.reason + ")";
  if (issue.origin == importer::IssueOrigin::kNew) {
    log.Error("validation: " + text);
  } else {
    log.Info("validation: " + text);
  }
}

// 0 when the validation passed (or its issues were accepted), 1 on new issues, 4 when it could not run.
int Validate(const RestoreFlags& flags, api::ManagementClient& client, const importer::ImportOptions& options,
             const CommonOptions& common, Logger& log) {
  StderrProgress progress(common);
  importer::ValidationOptions validation;
  validation.archive = options.archive;
  validation.timeout = std::chrono::seconds(flags.validation_timeout);
  auto result = importer::ValidateAfterImport(client, validation, log, progress);
  if (!result.ok()) {
    log.Error("import: --validate: " + result.status().message());
    return kExitFatal;
  }
  for (const auto& issue : result->issues) PrintIssue(issue, log);
  const std::size_t fresh = result->Count(importer::IssueOrigin::kNew);
  log.Info("validation: " + std::to_string(result->issues.size()) + " issues: " + std::to_string(fresh) + " new, " +
           std::to_string(result->Count(importer::IssueOrigin::kInherited)) + " inherited from the source, " +
           std::to_string(result->Count(importer::IssueOrigin::kPredicted)) + " predicted forward references" +
           (result->compared_with_archive || result->issues.empty()
                ? ""
                : " (the archive could not be compared: every issue counts as new)"));
  if (fresh == 0) return kExitOk;
  if (flags.accept_issues) {
    log.Warning("validation: " + std::to_string(fresh) + " new issues accepted (--accept-validation-issues)");
    return kExitOk;
  }
  log.Error("import: validation found " + std::to_string(fresh) +
            " issues the source did not have (--accept-validation-issues accepts them)");
  return kExitNegative;
}

}  // namespace

void AddImportRestoreOptions(CLI::App& app, ImportRestore& restore) {
  RestoreFlags& flags = restore.flags;
  app.add_option("--new-environment", flags.new_environment,
                 "Clone the target environment without content into a new environment of this name, import into "
                 "the clone and print its id; the target itself is not written");
  app.add_flag("--mark-production", flags.mark_production,
               "With --new-environment: make the clone the production environment, only after a clean import "
               "(and, with --validate, a clean validation)");
  app.add_flag("!--disable-webhooks", flags.enable_webhooks,
               "With --mark-production: leave the new production environment's webhooks disabled");
  app.add_option("--clone-timeout", flags.clone_timeout, "Seconds to wait for the clone (default 3600)")
      ->check(CLI::PositiveNumber);
  app.add_flag("--validate", flags.validate,
               "After the import, run the API's content validation; issues the source did not have exit 1");
  app.add_flag("--accept-validation-issues", flags.accept_issues,
               "With --validate: list new validation issues but exit 0 and allow --mark-production");
  app.add_option("--validation-timeout", flags.validation_timeout,
                 "Seconds to wait for the content validation (default 3600)")
      ->check(CLI::PositiveNumber);
}

int BeforeImport(ImportRestore& restore, api::ClientOptions& client_options, const importer::ImportOptions& options,
                 const CommonOptions& common, Logger& log) {
  const RestoreFlags& flags = restore.flags;
  CloneState& clone_state = restore.clone;
  auto usage = [&](const std::string& message) {
    log.Error("import: " + message);
    return kExitUsage;
  };
  if (flags.mark_production && flags.new_environment.empty())
    return usage("--mark-production needs --new-environment (the target is production already or is not meant to be)");
  if (flags.accept_issues && !flags.validate) return usage("--accept-validation-issues needs --validate");
  if (options.dry_run && (!flags.new_environment.empty() || flags.validate))
    return usage("--dry-run plans against the target; it cannot be combined with --new-environment or --validate");
  if (flags.new_environment.empty()) return kExitOk;
  if (flags.new_environment.size() > 200) return usage("--new-environment: the name must have 1-200 characters");

  clone_state.source_id = client_options.environment_id;
  auto source = api::ManagementClient::Create(client_options);
  if (!source.ok()) return usage(source.status().message());
  auto id = importer::StartClone(**source, importer::CloneRequest{flags.new_environment, false});
  if (!id.ok()) {
    log.Error("import: " + id.status().message() + " (nothing was written)");
    return kExitFatal;
  }
  clone_state.id = *id;
  log.Info("cloning environment " + clone_state.source_id + " without content into " +
           importer::DescribeClone(flags.new_environment, clone_state.id));
  client_options.environment_id = clone_state.id;
  client_options.pacer = nullptr;  // rate limits are per environment: the clone has its own
  auto clone = api::ManagementClient::Create(client_options);
  if (!clone.ok()) return usage(clone.status().message());
  StderrProgress progress(common);
  importer::CloneWait wait;
  wait.timeout = std::chrono::seconds(flags.clone_timeout);
  if (Status waited = importer::WaitForClone(**clone, wait, log, progress); !waited.ok()) {
    log.Error("import: waiting for the clone: " + waited.message() + "; nothing was imported; " +
              importer::DescribeClone(flags.new_environment, clone_state.id) + " may still be cloning");
    return kExitFatal;
  }
  log.Info("importing into " + importer::DescribeClone(flags.new_environment, clone_state.id));
  return kExitOk;
}

int AfterImport(const ImportRestore& restore, api::ManagementClient& client, const importer::ImportOptions& options,
                const CommonOptions& common, int exit_code, Logger& log) {
  const RestoreFlags& flags = restore.flags;
  const CloneState& clone_state = restore.clone;
  if (flags.validate) {
    int validated = Validate(flags, client, options, common, log);
    if (exit_code == kExitOk) exit_code = validated;
  }
  if (clone_state.id.empty()) return exit_code;
  if (!common.json) std::cout << clone_state.id << "\n";
  if (exit_code != kExitOk) {
    log.Error("import: not clean, so nothing was swapped: " + WhereTheCloneIs(restore));
    return exit_code;
  }
  if (!flags.mark_production) {
    log.Info("imported into " + importer::DescribeClone(flags.new_environment, clone_state.id) +
             "; make it production with: kbulk env mark-production --environment-id " + clone_state.id);
    return exit_code;
  }
  if (Status marked = importer::MarkProduction(client, flags.enable_webhooks); !marked.ok()) {
    log.Error("import: marking the clone as production failed: " + marked.message() + "; " + WhereTheCloneIs(restore));
    return kExitFatal;
  }
  log.Info(importer::DescribeClone(flags.new_environment, clone_state.id) + " is now the production environment" +
           (flags.enable_webhooks ? "" : " (webhooks disabled)"));
  return exit_code;
}

void OnImportFailed(const ImportRestore& restore, Logger& log) {
  if (!restore.clone.id.empty()) log.Error("import: " + WhereTheCloneIs(restore));
}

}  // namespace kbulk::cli
