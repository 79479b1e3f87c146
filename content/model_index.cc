// ModelIndex: id -> codename maps filled from the archive's model records.
#include "content/model_index.h"

#include <functional>
#include <unordered_map>

#include "content/json_depth.h"
#include "core/json.h"

namespace kbulk::content {
namespace {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using Map = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

template <typename V>
const V* Find(const Map<V>& map, std::string_view key) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

std::string Text(const JsonValue& object, std::string_view key) {
  return std::string(StringMember(object, key).value_or(""));
}

// Records id -> codename for `object` when it has both.
void Name(Map<std::string>& map, const JsonValue& object) {
  auto id = StringMember(object, "id");
  auto codename = StringMember(object, "codename");
  if (id && codename) map[std::string(*id)] = std::string(*codename);
}

}  // namespace

struct ModelIndex::State {
  Map<ElementInfo> elements;
  Map<std::string> types, snippets, languages, collections, options, terms, workflows;
  Map<StepInfo> steps;

  void AddElements(const JsonValue& owner) {
    std::string owner_codename = Text(owner, "codename");
    const JsonValue* list = Member(owner, "elements");
    if (list == nullptr || !list->IsArray()) return;
    for (const JsonValue& element : list->GetArray()) {
      auto id = StringMember(element, "id");
      if (!id) continue;
      elements[std::string(*id)] = {Text(element, "codename"), Text(element, "type"), owner_codename};
      const JsonValue* option_list = Member(element, "options");
      if (option_list == nullptr || !option_list->IsArray()) continue;
      for (const JsonValue& option : option_list->GetArray()) Name(options, option);
    }
  }

  void AddTerms(const JsonValue& parent, int depth) {
    const JsonValue* list = Member(parent, "terms");
    if (list == nullptr || !list->IsArray() || depth > 64) return;
    for (const JsonValue& term : list->GetArray()) {
      Name(terms, term);
      AddTerms(term, depth + 1);
    }
  }

  void AddWorkflow(const JsonValue& workflow) {
    Name(workflows, workflow);
    std::string workflow_codename = Text(workflow, "codename");
    auto add_step = [&](const JsonValue& step, StepKind kind) {
      auto id = StringMember(step, "id");
      if (id) steps[std::string(*id)] = {workflow_codename, Text(step, "codename"), kind};
    };
    if (const JsonValue* list = Member(workflow, "steps"); list != nullptr && list->IsArray()) {
      for (const JsonValue& step : list->GetArray()) add_step(step, StepKind::kCustom);
    }
    const std::pair<const char*, StepKind> special[] = {{"published_step", StepKind::kPublished},
                                                        {"scheduled_step", StepKind::kScheduled},
                                                        {"archived_step", StepKind::kArchived}};
    for (const auto& [key, kind] : special) {
      if (const JsonValue* step = Member(workflow, key); step != nullptr && step->IsObject()) add_step(*step, kind);
    }
  }
};

ModelIndex::ModelIndex() : state_(std::make_unique<State>()) {}
ModelIndex::~ModelIndex() = default;
ModelIndex::ModelIndex(ModelIndex&&) noexcept = default;
ModelIndex& ModelIndex::operator=(ModelIndex&&) noexcept = default;

Status ModelIndex::Add(EntityKind kind, std::string_view json) {
  switch (kind) {
    case EntityKind::kLanguage:
    case EntityKind::kCollection:
    case EntityKind::kTaxonomyGroup:
    case EntityKind::kSnippet:
    case EntityKind::kContentType:
    case EntityKind::kWorkflow: break;
    default: return Status::Ok();
  }
  KBULK_RETURN_IF_ERROR(CheckJsonDepth(json, "model record of " + std::string(EntityKindName(kind))));
  auto parsed = ParseJson(json);
  if (!parsed.ok() || !parsed->IsObject()) {
    return Corrupt("model record of " + std::string(EntityKindName(kind)) + " is not a JSON object" +
                   (parsed.ok() ? "" : ": " + parsed.status().message()));
  }
  const JsonValue& record = *parsed;
  State& s = *state_;
  switch (kind) {
    case EntityKind::kLanguage: Name(s.languages, record); break;
    case EntityKind::kCollection: Name(s.collections, record); break;
    case EntityKind::kTaxonomyGroup: s.AddTerms(record, 0); break;
    case EntityKind::kSnippet:
      Name(s.snippets, record);
      s.AddElements(record);
      break;
    case EntityKind::kContentType:
      Name(s.types, record);
      s.AddElements(record);
      break;
    case EntityKind::kWorkflow: s.AddWorkflow(record); break;
    default: break;
  }
  return Status::Ok();
}

const ModelIndex::ElementInfo* ModelIndex::Element(std::string_view element_id) const {
  return Find(state_->elements, element_id);
}
const std::string* ModelIndex::TypeCodename(std::string_view id) const {
  return Find(state_->types, id);
}
const std::string* ModelIndex::SnippetCodename(std::string_view id) const {
  return Find(state_->snippets, id);
}
const std::string* ModelIndex::LanguageCodename(std::string_view id) const {
  return Find(state_->languages, id);
}
const std::string* ModelIndex::CollectionCodename(std::string_view id) const {
  return Find(state_->collections, id);
}
const std::string* ModelIndex::OptionCodename(std::string_view id) const {
  return Find(state_->options, id);
}
const std::string* ModelIndex::TermCodename(std::string_view id) const {
  return Find(state_->terms, id);
}
const std::string* ModelIndex::WorkflowCodename(std::string_view id) const {
  return Find(state_->workflows, id);
}
const ModelIndex::StepInfo* ModelIndex::Step(std::string_view step_id) const {
  return Find(state_->steps, step_id);
}

}  // namespace kbulk::content
