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

constexpr const char* kSpecialKeys[] = {"published_step", "scheduled_step", "archived_step"};

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

bool ListEmpty(const JsonValue* list) {
  return list == nullptr || !list->IsArray() || list->Empty();
}

const JsonValue* RegularStep(const JsonValue& workflow, std::string_view step_id) {
  const JsonValue* steps = Member(workflow, "steps");
  if (steps == nullptr || !steps->IsArray()) return nullptr;
  for (const JsonValue& s : steps->GetArray())
    if (StringMember(s, "id").value_or("") == step_id) return &s;
  return nullptr;
}

// How closely the workflow's scopes cover (type, collection): 3 type and collection named, 2 the type,
// 1 the collection, 0 a scope with neither (or no scope at all), -1 not covered.
int ScopeMatch(const JsonValue& workflow, std::string_view type_id, std::string_view collection_id) {
  const JsonValue* scopes = Member(workflow, "scopes");
  if (scopes == nullptr || !scopes->IsArray() || scopes->Empty()) return 0;
  int best = -1;
  for (const JsonValue& scope : scopes->GetArray()) {
    const JsonValue* types = Member(scope, "content_types");
    const JsonValue* collections = Member(scope, "collections");
    bool types_any = ListEmpty(types), collections_any = ListEmpty(collections);
    if (!types_any && !ListContains(types, type_id)) continue;
    if (!collections_any && !ListContains(collections, collection_id)) continue;
    best = std::max(best, (types_any ? 0 : 2) + (collections_any ? 0 : 1));
  }
  return best;
}

}  // namespace

StepKind StepKindOf(const Environment& env, std::string_view workflow_id, std::string_view step_id) {
  auto doc = WorkflowDoc(env, workflow_id);
  if (!doc || step_id.empty()) return StepKind::kUnknown;
  for (StepKind k : {StepKind::kPublished, StepKind::kScheduled, StepKind::kArchived}) {
    const JsonValue* step = Member(*doc, SpecialKey(k));
    if (step != nullptr && StringMember(*step, "id").value_or("") == step_id) return k;
  }
  return RegularStep(*doc, step_id) ? StepKind::kRegular : StepKind::kUnknown;
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

std::string ResolveStepId(const JsonValue& workflow, const Reference& step) {
  const char* key = step.kind() == Reference::Kind::kId         ? "id"
                    : step.kind() == Reference::Kind::kCodename ? "codename"
                                                                : nullptr;
  if (key == nullptr) return "";  // steps have no external ids
  auto matches = [&](const JsonValue& s) { return StringMember(s, key).value_or("\x01") == step.value(); };
  if (const JsonValue* steps = Member(workflow, "steps"); steps && steps->IsArray())
    for (const JsonValue& s : steps->GetArray())
      if (matches(s)) return std::string(StringMember(s, "id").value_or(""));
  for (const char* special : kSpecialKeys)
    if (const JsonValue* s = Member(workflow, special); s && s->IsObject() && matches(*s))
      return std::string(StringMember(*s, "id").value_or(""));
  return "";
}

std::string StepCodename(const Environment& env, std::string_view workflow_id, std::string_view step_id) {
  auto doc = WorkflowDoc(env, workflow_id);
  if (!doc) return "";
  if (const JsonValue* s = RegularStep(*doc, step_id)) return std::string(StringMember(*s, "codename").value_or(""));
  for (const char* special : kSpecialKeys)
    if (const JsonValue* s = Member(*doc, special); s && StringMember(*s, "id").value_or("") == step_id)
      return std::string(StringMember(*s, "codename").value_or(""));
  return "";
}

bool TransitionAllowed(const Environment& env, std::string_view workflow_id, std::string_view from,
                       std::string_view to) {
  auto doc = WorkflowDoc(env, workflow_id);
  if (!doc) return false;
  const JsonValue* step = RegularStep(*doc, from);
  if (step == nullptr) return false;
  const JsonValue* transitions = Member(*step, "transitions_to");
  if (transitions == nullptr || !transitions->IsArray()) return false;
  for (const JsonValue& t : transitions->GetArray())
    if (const JsonValue* target = Member(t, "step"); target && StringMember(*target, "id").value_or("") == to)
      return true;
  return false;
}

WorkflowPosition InitialWorkflow(const Environment& env, std::string_view type_id, std::string_view collection_id) {
  std::string best_id(kNilId);
  int best = -1;
  for (const StoredObject* w : env.workflows.All()) {
    auto doc = ParseJson(w->json);
    if (!doc.ok()) continue;
    int match = ScopeMatch(*doc, type_id, collection_id);
    // The default workflow takes what no scope covers; among equals the default workflow wins.
    if (match > best || (match == best && w->id == kNilId)) {
      best = match;
      best_id = w->id;
    }
  }
  if (best < 0) best_id = std::string(kNilId);
  return {best_id, FirstStepId(env, best_id)};
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
