// Workflows are small model objects; they are parsed on demand.
#include "emulator/workflow_state.h"

#include "emulator/route_support.h"

namespace kbulk::emulator {
namespace {

std::optional<JsonDocument> WorkflowDoc(const Environment& env, std::string_view workflow_id) {
  const StoredObject* w = env.workflows.FindById(workflow_id);
  if (w == nullptr) return std::nullopt;
  auto doc = ParseJson(w->json);
  if (!doc.ok()) return std::nullopt;
  return std::move(doc).value();
}

std::string_view SpecialKey(StepKind kind) {
  switch (kind) {
    case StepKind::kPublished: return "published_step";
    case StepKind::kScheduled: return "scheduled_step";
    case StepKind::kArchived: return "archived_step";
    default: return "";
  }
}

bool ListContains(const JsonValue* list, std::string_view id) {
  if (list == nullptr || !list->IsArray()) return false;
  for (const JsonValue& ref : list->GetArray())
    if (StringMember(ref, "id").value_or("") == id) return true;
  return false;
}

}  // namespace

StepKind StepKindOf(const Environment& env, std::string_view workflow_id, std::string_view step_id) {
  auto doc = WorkflowDoc(env, workflow_id);
  if (!doc) return StepKind::kUnknown;
  for (StepKind k : {StepKind::kPublished, StepKind::kScheduled, StepKind::kArchived}) {
    const JsonValue* step = Member(*doc, SpecialKey(k));
    if (step != nullptr && StringMember(*step, "id").value_or("") == step_id) return k;
  }
  if (const JsonValue* steps = Member(*doc, "steps"); steps && steps->IsArray())
    for (const JsonValue& s : steps->GetArray())
      if (StringMember(s, "id").value_or("") == step_id) return StepKind::kRegular;
  return StepKind::kUnknown;
}

std::string SpecialStepId(const Environment& env, std::string_view workflow_id, StepKind kind) {
  auto doc = WorkflowDoc(env, workflow_id);
  if (!doc) return "";
  const JsonValue* step = Member(*doc, SpecialKey(kind));
  return step ? std::string(StringMember(*step, "id").value_or("")) : "";
}

std::string FirstStepId(const Environment& env, std::string_view workflow_id) {
  auto doc = WorkflowDoc(env, workflow_id);
  if (!doc) return "";
  const JsonValue* steps = Member(*doc, "steps");
  if (steps == nullptr || !steps->IsArray() || steps->Empty()) return "";
  return std::string(StringMember((*steps)[0], "id").value_or(""));
}

WorkflowPosition InitialWorkflow(const Environment& env, std::string_view type_id, std::string_view collection_id) {
  for (const StoredObject* w : env.workflows.All()) {
    if (w->id == kNilId) continue;
    auto doc = ParseJson(w->json);
    if (!doc.ok()) continue;
    const JsonValue* scopes = Member(*doc, "scopes");
    if (scopes == nullptr || !scopes->IsArray()) continue;
    for (const JsonValue& scope : scopes->GetArray()) {
      const JsonValue* types = Member(scope, "content_types");
      const JsonValue* collections = Member(scope, "collections");
      bool types_ok = types == nullptr || !types->IsArray() || types->Empty() || ListContains(types, type_id);
      bool collections_ok = collections == nullptr || !collections->IsArray() || collections->Empty() ||
                            ListContains(collections, collection_id);
      if (types_ok && collections_ok) return {w->id, FirstStepId(env, w->id)};
    }
  }
  return {std::string(kNilId), FirstStepId(env, kNilId)};
}

WorkflowPosition PositionOf(const JsonValue& variant) {
  WorkflowPosition p;
  if (const JsonValue* w = Member(variant, "workflow")) {
    if (const JsonValue* wi = Member(*w, "workflow_identifier"))
      p.workflow_id = std::string(StringMember(*wi, "id").value_or(""));
    if (const JsonValue* si = Member(*w, "step_identifier"))
      p.step_id = std::string(StringMember(*si, "id").value_or(""));
  }
  if (p.workflow_id.empty()) p.workflow_id = std::string(kNilId);
  if (p.step_id.empty())
    if (const JsonValue* ws = Member(variant, "workflow_step"))
      p.step_id = std::string(StringMember(*ws, "id").value_or(""));
  return p;
}

void SetPosition(JsonValue& variant, const WorkflowPosition& position, JsonAllocator& a) {
  JsonValue workflow(rapidjson::kObjectType);
  JsonValue wi, si, ws;
  SetIdReference(wi, position.workflow_id, a);
  SetIdReference(si, position.step_id, a);
  SetIdReference(ws, position.step_id, a);
  workflow.AddMember("workflow_identifier", std::move(wi), a);
  workflow.AddMember("step_identifier", std::move(si), a);
  SetMember(variant, "workflow", std::move(workflow), a);
  SetMember(variant, "workflow_step", std::move(ws), a);
}

}  // namespace kbulk::emulator
