// `kbulk import --validate`: after an import, the API's asynchronous content validation of the whole
// environment (POST /validate-async, its task polled with progress, its issues listed), each issue
// reported by item codename, language and element and classified against the archive:
//
// - predicted: the archived element references an item or asset the archive does not hold, so the import
//   wrote it as a forward reference (the importer reported it) and the target has no such object;
// - inherited: the target element's value equals the archived one and the target's content type states the
//   same rule for it as the archived type (limits, is_required), so the source broke the same rule;
// - new: anything else (the import broke a rule the source did not); the CLI exits 1 on any.
//
// Values compare as the rule sees them: text and numbers exactly, rich text by its text without markup
// (references are ids of another environment), reference arrays by their length. Type issues (a type
// referencing a missing taxonomy group) are always new. Without a re-readable archive (standard input)
// nothing can be compared and every issue is new (the result says so).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "api/management_client.h"
#include "core/log.h"
#include "core/status.h"

namespace kbulk::importer {

enum class IssueOrigin { kNew, kPredicted, kInherited };
std::string_view IssueOriginName(IssueOrigin origin);  // "new", "predicted", "inherited"

struct ValidationIssue {
  std::string item_id, item_codename;
  std::string language_id, language_codename;
  std::string element_id, element_codename;  // for a type issue: the type's codename in item_codename
  bool type_issue = false;
  std::vector<std::string> messages;
  IssueOrigin origin = IssueOrigin::kNew;
  std::string reason;  // why it was classified so
};

struct ValidationResult {
  std::string task_id;
  std::vector<ValidationIssue> issues;
  bool compared_with_archive = false;
  std::size_t Count(IssueOrigin origin) const;
  // {"task_id", "compared_with_archive", "new", "inherited", "predicted", "issues": [...]}
  std::string ToJson() const;
};

struct ValidationOptions {
  std::string archive;  // the imported archive, read again to classify; "" or "-" = cannot compare
  std::chrono::seconds timeout{3600};
  std::chrono::milliseconds first_interval{500};  // between task polls, doubled up to max_interval
  std::chrono::milliseconds max_interval{10'000};
};

// Runs the validation on `client`'s environment and classifies its issues. Errors: the task failed, timed
// out, or a request failed.
Result<ValidationResult> ValidateAfterImport(api::ManagementClient& client, const ValidationOptions& options,
                                             Logger& log, Progress& progress);

// The classification step alone (post_validation_classify.cc): fills origin and reason of `issues`.
// Returns whether the archive could be compared.
Result<bool> ClassifyIssues(api::ManagementClient& client, const std::string& archive,
                            std::vector<ValidationIssue>& issues, Logger& log);

}  // namespace kbulk::importer
