// The validation task: start, poll with progress, list the issues, classify them (post_validation_classify.cc).
#include "importer/post_validation.h"

#include <algorithm>
#include <thread>

#include "api/endpoints.h"
#include "core/json.h"

namespace kbulk::importer {
namespace ep = api::endpoints;
namespace {

std::string Nested(const JsonValue& object, std::string_view key, std::string_view field) {
  const JsonValue* inner = Member(object, key);
  return inner != nullptr && inner->IsObject() ? std::string(StringMember(*inner, field).value_or("")) : "";
}

std::vector<std::string> Messages(const JsonValue& issue) {
  std::vector<std::string> out;
  if (const JsonValue* messages = Member(issue, "messages"); messages && messages->IsArray())
    for (const JsonValue& m : messages->GetArray())
      if (m.IsString()) out.emplace_back(m.GetString(), m.GetStringLength());
  return out;
}

// One entry of the issues list: a variant issue (item, language, per-element issues) or a type issue.
Status AddIssues(std::string_view json, std::vector<ValidationIssue>& out) {
  KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(json));
  const bool type_issue = StringMember(doc, "issue_type").value_or("") == "type_issue" || Member(doc, "type");
  const JsonValue* list = Member(doc, "issues");
  if (list == nullptr || !list->IsArray()) return Corrupt("a validation issue has no issues array");
  for (const JsonValue& entry : list->GetArray()) {
    ValidationIssue issue;
    issue.type_issue = type_issue;
    issue.item_id = Nested(doc, type_issue ? "type" : "item", "id");
    issue.item_codename = Nested(doc, type_issue ? "type" : "item", "codename");
    issue.language_id = Nested(doc, "language", "id");
    issue.language_codename = Nested(doc, "language", "codename");
    issue.element_id = Nested(entry, "element", "id");
    issue.element_codename = Nested(entry, "element", "codename");
    issue.messages = Messages(entry);
    out.push_back(std::move(issue));
  }
  return Status::Ok();
}

}  // namespace

std::string_view IssueOriginName(IssueOrigin origin) {
  switch (origin) {
    case IssueOrigin::kPredicted: return "predicted";
    case IssueOrigin::kInherited: return "inherited";
    default: return "new";
  }
}

std::size_t ValidationResult::Count(IssueOrigin origin) const {
  return static_cast<std::size_t>(
      std::count_if(issues.begin(), issues.end(), [&](const ValidationIssue& i) { return i.origin == origin; }));
}

std::string ValidationResult::ToJson() const {
  JsonWriter w;
  w.StartObject().Key("task_id").String(task_id).Key("compared_with_archive").Bool(compared_with_archive);
  for (IssueOrigin origin : {IssueOrigin::kNew, IssueOrigin::kInherited, IssueOrigin::kPredicted})
    w.Key(IssueOriginName(origin)).Uint(Count(origin));
  w.Key("issues").StartArray();
  for (const ValidationIssue& i : issues) {
    w.StartObject().Key("origin").String(IssueOriginName(i.origin)).Key("reason").String(i.reason);
    if (i.type_issue) {
      w.Key("type").String(i.item_codename);
    } else {
      w.Key("item").String(i.item_codename).Key("language").String(i.language_codename);
    }
    w.Key("element").String(i.element_codename.empty() ? i.element_id : i.element_codename);
    w.Key("messages").StartArray();
    for (const std::string& m : i.messages) w.String(m);
    w.EndArray().EndObject();
  }
  w.EndArray().EndObject();
  return w.str();
}

Result<ValidationResult> ValidateAfterImport(api::ManagementClient& client, const ValidationOptions& options,
                                             Logger& log, Progress& progress) {
  ValidationResult result;
  {
    KBULK_ASSIGN_OR_RETURN(api::Response started, client.Send(ep::StartValidation()));
    KBULK_ASSIGN_OR_RETURN(JsonDocument task, ParseJson(started.body));
    result.task_id = std::string(StringMember(task, "id").value_or(""));
    if (result.task_id.empty()) return Corrupt("the validate-async response names no task id");
  }
  progress.PhaseStarted("validation", 0);
  const auto deadline = std::chrono::steady_clock::now() + options.timeout;
  auto interval = options.first_interval;
  std::uint64_t polls = 0;
  std::string outcome;
  for (;;) {
    KBULK_ASSIGN_OR_RETURN(api::Response polled, client.Send(ep::GetValidationTask(result.task_id)));
    KBULK_ASSIGN_OR_RETURN(JsonDocument task, ParseJson(polled.body));
    progress.Advanced("validation", ++polls, 0);
    std::string status(StringMember(task, "status").value_or(""));
    if (status == "finished") {
      outcome = std::string(StringMember(task, "validation_result").value_or(""));
      break;
    }
    if (status == "failed") return Status(StatusCode::kUnavailable, "validation task " + result.task_id + " failed");
    if (std::chrono::steady_clock::now() + interval > deadline) {
      return Status(StatusCode::kUnavailable, "validation task " + result.task_id + " still '" + status + "' after " +
                                                  std::to_string(options.timeout.count()) + " s");
    }
    log.Debug("validation task " + result.task_id + ": " + status);
    std::this_thread::sleep_for(interval);
    interval = std::min(interval * 2, options.max_interval);
  }
  if (outcome == "issues_found") {
    auto list = ep::ListValidationIssues(result.task_id);
    KBULK_RETURN_IF_ERROR(client.ListAll(list.request, list.array_key,
                                         [&](std::string_view json) { return AddIssues(json, result.issues); }));
  }
  progress.PhaseFinished("validation", result.issues.size(), 0);
  if (result.issues.empty()) return result;
  KBULK_ASSIGN_OR_RETURN(result.compared_with_archive, ClassifyIssues(client, options.archive, result.issues, log));
  return result;
}

}  // namespace kbulk::importer
