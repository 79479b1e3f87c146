// Reference closure: known keys per target kind from the model, blobs, assets and items; the references of
// assets, items and variants checked against them (variant elements through CollectElementReferences).
#include "content/reference_closure.h"

#include <unordered_map>
#include <unordered_set>

#include "content/element_references.h"
#include "content/json_depth.h"
#include "content/model_index.h"
#include "core/json.h"

namespace kbulk::content {
namespace {

std::string Text(const JsonValue& object, std::string_view key) {
  return std::string(StringMember(object, key).value_or(""));
}

// A Reference object as a lookup key: "id:...", "codename:..." or "external_id:...".
std::string RefKey(const JsonValue* reference) {
  if (reference == nullptr || !reference->IsObject()) return {};
  for (std::string_view field : {"id", "codename", "external_id"}) {
    if (auto value = StringMember(*reference, field)) return std::string(field) + ":" + std::string(*value);
  }
  return {};
}

const JsonValue* Path(const JsonValue& object, std::string_view a, std::string_view b) {
  const JsonValue* first = Member(object, a);
  return first != nullptr && first->IsObject() ? Member(*first, b) : nullptr;
}

}  // namespace

struct ReferenceClosure::State {
  std::size_t max_kept = 0;
  ModelIndex model;
  ElementResolver resolve = ResolveWith(model);
  std::unordered_map<std::string, std::unordered_set<std::string>> known;  // target kind -> keys
  std::unordered_map<std::string, std::string> item_names;                 // "id:..." -> codename
  std::vector<formats::DanglingReference> dangling;
  std::uint64_t dangling_count = 0;
  formats::DanglingReference context;  // owner fields of the record being checked

  void Know(const std::string& kind, const JsonValue& object) {
    auto& set = known[kind];
    for (std::string_view field : {"id", "codename", "external_id"}) {
      if (auto value = StringMember(object, field)) set.insert(std::string(field) + ":" + std::string(*value));
    }
  }
  void KnowTree(const std::string& kind, const JsonValue& object, std::string_view children, int depth) {
    Know(kind, object);
    const JsonValue* list = Member(object, children);
    if (list == nullptr || !list->IsArray() || depth > 64) return;
    for (const JsonValue& child : list->GetArray()) KnowTree(kind, child, children, depth + 1);
  }
  void KnowList(const std::string& kind, const JsonValue* list) {
    if (list == nullptr || !list->IsArray()) return;
    for (const JsonValue& object : list->GetArray()) Know(kind, object);
  }

  void Dangle(std::string_view element, std::string_view target_kind, std::string target) {
    ++dangling_count;
    if (dangling.size() >= max_kept) return;
    formats::DanglingReference d = context;
    d.element = element;
    d.target_kind = target_kind;
    d.target = std::move(target);
    dangling.push_back(std::move(d));
  }
  void Check(std::string_view element, const std::string& kind, const JsonValue* reference) {
    std::string key = RefKey(reference);
    if (!key.empty() && known[kind].count(key) == 0) Dangle(element, kind, std::move(key));
  }
  void CheckElements(const JsonValue* elements) {
    if (elements == nullptr) return;
    ElementReferences found;
    CollectElementReferences(*elements, resolve, found);
    for (const UnknownElement& unknown : found.unknown_elements) {
      Dangle(unknown.parent.empty() ? unknown.key : unknown.parent + "/" + unknown.key, "content type element",
             unknown.key);
    }
    for (const ElementReference& reference : found.references) {
      std::string kind(TargetKindName(reference.target));
      std::string key = reference.Key();
      if (known[kind].count(key) == 0) Dangle(reference.element, kind, std::move(key));
    }
  }

  void OnAsset(const JsonValue& record) {
    const JsonValue* asset = Member(record, "asset");
    if (asset == nullptr || !asset->IsObject()) return;
    context = {"asset", Text(*asset, "codename"), "", "", "", "", ""};
    if (context.owner.empty()) context.owner = "id:" + Text(*asset, "id");
    if (const JsonValue* blob = Path(record, "kbulk", "blob"); blob != nullptr && blob->IsString()) {
      std::string hash(blob->GetString(), blob->GetStringLength());
      if (known["blob"].count(hash) == 0) Dangle("blob", "blob", std::move(hash));
    }
    const JsonValue* folder = Member(*asset, "folder");
    std::string folder_id = folder != nullptr ? Text(*folder, "id") : "";
    if (!folder_id.empty() && folder_id != "00000000-0000-0000-0000-000000000000") {
      Check("folder", "asset folder", folder);
    }
    Check("collection", "collection", Path(*asset, "collection", "reference"));
    if (const JsonValue* elements = Member(*asset, "elements"); elements != nullptr && elements->IsArray()) {
      for (const JsonValue& element : elements->GetArray()) {
        const JsonValue* value = Member(element, "value");
        if (value == nullptr || !value->IsArray()) continue;
        std::string name = RefKey(Member(element, "element"));
        for (const JsonValue& term : value->GetArray()) Check(name, "taxonomy term", &term);
      }
    }
    Know("asset", *asset);
    const JsonValue* renditions = Path(record, "kbulk", "renditions");
    if (renditions == nullptr || !renditions->IsArray()) return;
    for (const JsonValue& rendition : renditions->GetArray()) {
      if (auto id = StringMember(rendition, "rendition_id")) known["rendition"].insert("id:" + std::string(*id));
      Know("rendition", rendition);
    }
  }

  void OnItem(const JsonValue& item) {
    context = {"item", Text(item, "codename"), "", "", "", "", ""};
    Check("type", "content type", Member(item, "type"));
    Check("collection", "collection", Member(item, "collection"));
    Know("item", item);
    if (auto id = StringMember(item, "id")) item_names["id:" + std::string(*id)] = context.owner;
  }

  void OnVariant(const JsonValue& record) {
    const JsonValue* variant = Member(record, "variant");
    if (variant == nullptr || !variant->IsObject()) return;
    std::string item_key = RefKey(Member(*variant, "item"));
    const JsonValue* language = Member(*variant, "language");
    auto item = item_names.find(item_key);
    auto language_id = language != nullptr ? StringMember(*language, "id") : std::nullopt;
    const std::string* language_name = language_id ? model.LanguageCodename(*language_id) : nullptr;
    const JsonValue* kbulk = Member(record, "kbulk");
    context = {"item",
               item != item_names.end() ? item->second : item_key,
               language_name != nullptr ? *language_name : RefKey(language),
               kbulk != nullptr ? Text(*kbulk, "version") : "",
               "",
               "",
               ""};
    Check("item", "item", Member(*variant, "item"));
    Check("language", "language", language);
    Check("workflow_step", "workflow step", Member(*variant, "workflow_step"));
    Check("workflow", "workflow", Path(*variant, "workflow", "workflow_identifier"));
    Check("workflow", "workflow step", Path(*variant, "workflow", "step_identifier"));
    CheckElements(Member(*variant, "elements"));
  }

  void OnModel(EntityKind entity, const JsonValue& root) {
    switch (entity) {
      case EntityKind::kLanguage: Know("language", root); break;
      case EntityKind::kCollection: Know("collection", root); break;
      case EntityKind::kSpace: Know("space", root); break;
      case EntityKind::kTaxonomyGroup:
        Know("taxonomy group", root);
        if (const JsonValue* terms = Member(root, "terms"); terms != nullptr && terms->IsArray()) {
          for (const JsonValue& term : terms->GetArray()) KnowTree("taxonomy term", term, "terms", 0);
        }
        break;
      case EntityKind::kAssetFolder: KnowTree("asset folder", root, "folders", 0); break;
      case EntityKind::kSnippet:
      case EntityKind::kContentType:
        Know(entity == EntityKind::kSnippet ? "snippet" : "content type", root);
        if (const JsonValue* elements = Member(root, "elements"); elements != nullptr && elements->IsArray()) {
          for (const JsonValue& element : elements->GetArray())
            KnowList("multiple choice option", Member(element, "options"));
        }
        break;
      case EntityKind::kWorkflow:
        Know("workflow", root);
        KnowList("workflow step", Member(root, "steps"));
        for (std::string_view special : {"published_step", "archived_step", "scheduled_step"}) {
          if (const JsonValue* step = Member(root, special); step != nullptr && step->IsObject()) {
            Know("workflow step", *step);
          }
        }
        break;
      case EntityKind::kWebSpotlight:
        context = {"web spotlight", "web_spotlight", "", "", "", "", ""};
        Check("root_type", "content type", Member(root, "root_type"));
        break;
      default: break;
    }
  }
};

ReferenceClosure::ReferenceClosure(std::size_t max_kept) : state_(std::make_unique<State>()) {
  state_->max_kept = max_kept;
}

ReferenceClosure::~ReferenceClosure() = default;

void ReferenceClosure::OnBlob(std::string_view sha256_hex) {
  state_->known["blob"].insert(std::string(sha256_hex));
}

Status ReferenceClosure::OnRecord(EntityKind entity, std::string_view json) {
  State& s = *state_;
  KBULK_RETURN_IF_ERROR(CheckJsonDepth(json, "a record"));
  auto parsed = ParseJson(json);
  if (!parsed.ok() || !parsed->IsObject()) return Corrupt("a record is not a JSON object");
  const JsonValue& root = *parsed;
  switch (entity) {
    case EntityKind::kAsset: s.OnAsset(root); break;
    case EntityKind::kItem: s.OnItem(root); break;
    case EntityKind::kVariant: s.OnVariant(root); break;
    default:
      KBULK_RETURN_IF_ERROR(s.model.Add(entity, json));
      s.OnModel(entity, root);
      break;
  }
  return Status::Ok();
}

std::uint64_t ReferenceClosure::dangling_count() const {
  return state_->dangling_count;
}
const std::vector<formats::DanglingReference>& ReferenceClosure::dangling() const {
  return state_->dangling;
}

formats::VerifyReport VerifyArchive(const std::string& path, const formats::VerifyOptions& options) {
  ReferenceClosure closure(options.max_dangling_kept);
  formats::VerifyOptions with_closure = options;
  with_closure.closure = &closure;
  return formats::VerifyArchive(path, with_closure);
}

}  // namespace kbulk::content
