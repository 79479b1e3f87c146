// RestoreLatePublished(): the published version put under a latest version already written.
#include "importer/variant_late.h"

#include <chrono>

#include "api/endpoints.h"
#include "content/import_rewrite.h"
#include "core/json.h"
#include "formats/record_envelope.h"

namespace kbulk::importer {
namespace ep = api::endpoints;
namespace {

std::string RefId(const JsonValue& object, std::string_view key) {
  const JsonValue* reference = Member(object, key);
  return reference != nullptr && reference->IsObject() ? std::string(StringMember(*reference, "id").value_or(""))
                                                       : std::string();
}

ScheduleTime Scheduled(const JsonValue& variant, std::string_view time_key, std::string_view zone_key) {
  const JsonValue* schedule = Member(variant, "schedule");
  if (schedule == nullptr || !schedule->IsObject()) return {};
  return {std::string(StringMember(*schedule, time_key).value_or("")),
          std::string(StringMember(*schedule, zone_key).value_or(""))};
}

}  // namespace

Status RestoreLatePublished(const LateContext& c, std::string_view published_record) {
  auto record = formats::ParseVariantRecord(published_record);
  if (!record.ok()) return record.status();
  KBULK_ASSIGN_OR_RETURN(JsonDocument published, ParseJson(record->variant));
  if (!published.IsObject()) return Corrupt("a variant record is not a JSON object");
  std::string item_id = RefId(published, "item"), language_id = RefId(published, "language");
  bool in_archive = true;
  std::string external_id = c.naming.item_external_id(item_id, in_archive);
  const std::string* language = c.model.LanguageCodename(language_id);
  std::string object = "item '" + external_id + "' language '" + (language ? *language : language_id) + "'";
  std::string source_id = item_id + "/" + language_id;
  auto fail = [&](const Status& status) {
    c.report.Fail({"variant", source_id, external_id + "/" + (language ? *language : language_id),
                   "published version: " + status.message()});
    return Status::Ok();
  };
  if (language == nullptr) return fail(Corrupt("language id:" + language_id + " is not in the archive's model"));
  const JsonValue* elements = Member(published, "elements");
  auto rewritten =
      content::RewriteElementsForImport(elements ? ToJsonString(*elements) : std::string("[]"), c.model, c.naming);
  if (!rewritten.ok()) return fail(rewritten.status());

  if (c.dry_run) {  // the latest version is not in the target yet: the usual sequence, read and probe
    c.report.Plan({"variants", object + " (published version)", PlanAction::kUpdate,
                   "published version put under the latest version already written"});
    c.report.AddPlannedRequests("content", 2 + 4);
    return Status::Ok();
  }
  VariantWrite write{
      Reference::ByExternalId(external_id), Reference::ByCodename(*language), "", "", rewritten->elements_json, ""};
  auto read = c.client.Send(ep::GetVariant(write.item, write.language));
  if (!read.ok()) return IsFatal(read.status()) ? read.status() : fail(read.status());
  KBULK_ASSIGN_OR_RETURN(JsonDocument latest, ParseJson(read->body));
  if (!latest.IsObject()) return fail(Corrupt("the target's variant is not a JSON object"));
  VariantFingerprint current = c.target.FingerprintOf(latest);
  WorkflowFacts facts = c.target.FactsOf(latest);
  if (current.phase == VariantPhase::kPublished || current.phase == VariantPhase::kArchived) return Status::Ok();
  const WorkflowGraph* graph = c.target.Workflow(facts.workflow);
  if (graph == nullptr) return fail(InvalidArgument("workflow '" + facts.workflow + "' is not in the target"));

  auto probe = c.client.Send(ep::GetPublishedVariant(write.item, write.language));
  if (probe.ok()) {
    auto target_published = ParseJson(probe->body);
    if (target_published.ok() && target_published->IsObject() &&
        c.target.FingerprintOf(*target_published).elements == CanonicalElementsHash(write.published_elements)) {
      c.report.AddPlannedRequests("content", 2);
      c.report.Plan({"variants", object + " (published version)", PlanAction::kUnchanged, ""});
      return Status::Ok();
    }
  } else if (IsFatal(probe.status())) {
    return probe.status();
  } else if (probe.status().code() != StatusCode::kNotFound) {
    return fail(probe.status());
  }

  // The latest version as the target holds it (its own ids), written again on top.
  write.workflow = facts.workflow;
  write.latest_elements = ToJsonString(*Member(latest, "elements"));
  if (const JsonValue* due = Member(latest, "due_date"); due != nullptr && due->IsObject()) {
    if (StringMember(*due, "value")) write.due_date = ToJsonString(*due);
  }
  ArchivedWorkflowState archived;
  archived.phase = current.phase;
  archived.step = facts.step;
  archived.publish = Scheduled(latest, "publish_time", "publish_display_timezone");
  archived.unpublish = Scheduled(latest, "unpublish_time", "unpublish_display_timezone");
  archived.has_published_version = true;
  auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  auto plan = PlanRestore(archived, {current.phase, false}, *graph, now.count());
  if (!plan.ok()) return fail(plan.status());
  std::string detail = "published version put under the latest version already written:";
  for (const WorkflowAction& a : plan->actions) detail += " " + std::string(ActionKindName(a.kind)) + ";";
  c.report.Plan({"variants", object + " (published version)", PlanAction::kUpdate, detail});
  c.report.AddPlannedRequests("content", 2 + plan->actions.size());
  RunResult result;
  KBULK_RETURN_IF_ERROR(c.runner.Run(write, *plan, result));
  c.report.CountWrite("variants", result.writes);
  for (const std::string& note : result.notes) c.report.Note({"variant", object, note});
  if (!result.failure.ok()) return fail(result.failure);
  return Status::Ok();
}

}  // namespace kbulk::importer
