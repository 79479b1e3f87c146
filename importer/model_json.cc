#include "importer/model_json.h"

#include <vector>

namespace kbulk::importer {

std::string Str(const JsonValue& object, std::string_view key) {
  return std::string(StringMember(object, key).value_or(""));
}

void ModelNames::Set(EntityKind kind, const std::string& id, std::string codename) {
  ids_[std::to_string(static_cast<int>(kind)) + "/" + codename] = id;
  auto& entries = codenames_[id];
  for (auto& [k, c] : entries)
    if (k == kind) {
      c = std::move(codename);
      return;
    }
  entries.emplace_back(kind, std::move(codename));
}

void ModelNames::LearnTree(EntityKind kind, const JsonValue& array, const char* child_key) {
  if (!array.IsArray()) return;
  for (const JsonValue& entry : array.GetArray()) {
    if (!entry.IsObject()) continue;
    auto id = StringMember(entry, "id");
    auto codename = StringMember(entry, "codename");
    if (id && codename) Set(kind, std::string(*id), std::string(*codename));
    if (const JsonValue* children = Member(entry, child_key)) LearnTree(kind, *children, child_key);
  }
}

void ModelNames::Learn(EntityKind kind, const JsonValue& object) {
  if (kind == EntityKind::kCollection || kind == EntityKind::kAssetFolder) {
    // Archived as one record per collection / top-level folder; a target's body holds the array.
    const char* key = kind == EntityKind::kCollection ? "collections" : "folders";
    if (object.IsArray()) return LearnTree(kind, object, "folders");
    if (const JsonValue* list = Member(object, key); list && list->IsArray() && !Member(object, "id"))
      return LearnTree(kind, *list, "folders");
  }
  if (!object.IsObject()) return;
  auto id = StringMember(object, "id");
  auto codename = StringMember(object, "codename");
  if (id && codename) Set(kind, std::string(*id), std::string(*codename));
  switch (kind) {
    case EntityKind::kTaxonomyGroup:
      if (const JsonValue* terms = Member(object, "terms")) LearnTree(kind, *terms, "terms");
      break;
    case EntityKind::kAssetFolder:
      if (const JsonValue* folders = Member(object, "folders")) LearnTree(kind, *folders, "folders");
      break;
    case EntityKind::kSnippet:
    case EntityKind::kContentType:
      if (const JsonValue* groups = Member(object, "content_groups")) LearnTree(kind, *groups, "");
      if (const JsonValue* elements = Member(object, "elements"); elements && elements->IsArray()) {
        LearnTree(kind, *elements, "");
        for (const JsonValue& e : elements->GetArray())
          if (const JsonValue* options = Member(e, "options")) LearnTree(kind, *options, "");
      }
      break;
    case EntityKind::kWorkflow:
      if (const JsonValue* steps = Member(object, "steps")) LearnTree(kind, *steps, "");
      for (const char* special : {"published_step", "scheduled_step", "archived_step"})
        if (const JsonValue* step = Member(object, special); step && step->IsObject()) {
          auto step_id = StringMember(*step, "id");
          auto step_codename = StringMember(*step, "codename");
          if (step_id && step_codename) Set(kind, std::string(*step_id), std::string(*step_codename));
        }
      break;
    default: break;
  }
}

std::optional<std::pair<EntityKind, std::string>> ModelNames::Entry(std::string_view id,
                                                                    std::optional<EntityKind> hint) const {
  auto it = codenames_.find(std::string(id));
  if (it == codenames_.end() || it->second.empty()) return std::nullopt;
  if (hint)
    for (const auto& entry : it->second)
      if (entry.first == *hint) return entry;
  return it->second.front();
}

const std::string* ModelNames::IdOf(EntityKind kind, const std::string& codename) const {
  auto it = ids_.find(std::to_string(static_cast<int>(kind)) + "/" + codename);
  return it == ids_.end() ? nullptr : &it->second;
}

const std::string* ModelNames::Codename(std::string_view id, std::optional<EntityKind> hint) const {
  auto it = codenames_.find(std::string(id));
  if (it == codenames_.end() || it->second.empty()) return nullptr;
  if (hint)
    for (const auto& [kind, codename] : it->second)
      if (kind == *hint) return &codename;
  return &it->second.front().second;
}

namespace {

bool IsBareReference(const JsonValue& v, std::string_view key) {
  return v.IsObject() && v.MemberCount() == 1 && v.MemberBegin()->value.IsString() &&
         std::string_view(v.MemberBegin()->name.GetString(), v.MemberBegin()->name.GetStringLength()) == key;
}

bool IsAnyReference(const JsonValue& v) {
  return IsBareReference(v, "id") || IsBareReference(v, "codename") || IsBareReference(v, "external_id");
}

// The kind a reference under member `key` names, where ids of several kinds could be meant.
std::optional<EntityKind> KindOfKey(std::string_view key) {
  if (key == "fallback_language" || key == "language" || key == "languages") return EntityKind::kLanguage;
  if (key == "collection" || key == "collections") return EntityKind::kCollection;
  if (key == "space" || key == "spaces") return EntityKind::kSpace;
  if (key == "content_type" || key == "content_types" || key == "allowed_content_types" ||
      key == "allowed_item_link_types" || key == "root_type" || key == "type")
    return EntityKind::kContentType;
  if (key == "workflow" || key == "step" || key == "workflows") return EntityKind::kWorkflow;
  if (key == "taxonomy_group" || key == "taxonomies") return EntityKind::kTaxonomyGroup;
  if (key == "snippet") return EntityKind::kSnippet;
  return std::nullopt;
}

void Convert(JsonValue& value, std::string_view key, const ModelNames& names, JsonAllocator& allocator,
             const UnknownReference& unknown) {
  if (IsBareReference(value, "id")) {
    const JsonValue& id = value.MemberBegin()->value;
    if (const std::string* codename =
            names.Codename(std::string_view(id.GetString(), id.GetStringLength()), KindOfKey(key))) {
      value.SetObject();
      value.AddMember("codename", MakeString(*codename, allocator), allocator);
    } else if (unknown) {
      unknown(value, allocator);
    }
    return;
  }
  if (value.IsObject()) {
    for (auto& m : value.GetObject())
      Convert(m.value, std::string_view(m.name.GetString(), m.name.GetStringLength()), names, allocator, unknown);
  } else if (value.IsArray()) {
    for (JsonValue& v : value.GetArray()) Convert(v, key, names, allocator, unknown);
  }
}

void ToTargetIds(JsonValue& value, std::string_view key, const ModelNames& source, const ModelNames& target,
                 JsonAllocator& allocator) {
  if (IsBareReference(value, "id")) {
    const JsonValue& id = value.MemberBegin()->value;
    auto entry = source.Entry(std::string_view(id.GetString(), id.GetStringLength()), KindOfKey(key));
    const std::string* target_id = entry ? target.IdOf(entry->first, entry->second) : nullptr;
    if (target_id != nullptr) value.MemberBegin()->value.SetString(target_id->c_str(), allocator);
    return;
  }
  if (value.IsObject()) {
    for (auto& m : value.GetObject())
      ToTargetIds(m.value, std::string_view(m.name.GetString(), m.name.GetStringLength()), source, target, allocator);
  } else if (value.IsArray()) {
    for (JsonValue& v : value.GetArray()) ToTargetIds(v, key, source, target, allocator);
  }
}

}  // namespace

void ReferencesToTargetIds(JsonValue& value, const ModelNames& source, const ModelNames& target,
                           JsonAllocator& allocator) {
  ToTargetIds(value, "", source, target, allocator);
}

void ReferencesToCodenames(JsonValue& value, const ModelNames& names, JsonAllocator& allocator,
                           const UnknownReference& unknown) {
  Convert(value, "", names, allocator, unknown);
}

void DropMembers(JsonValue& value, std::initializer_list<std::string_view> keys) {
  if (value.IsArray()) {
    for (JsonValue& v : value.GetArray()) DropMembers(v, keys);
    return;
  }
  if (!value.IsObject() || IsAnyReference(value)) return;
  for (std::string_view key : keys)
    value.RemoveMember(JsonValue(rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size()))));
  for (auto& m : value.GetObject()) DropMembers(m.value, keys);
}

JsonValue WritableCopy(const JsonValue& value, const ModelNames& names, JsonAllocator& allocator,
                       const UnknownReference& unknown) {
  JsonValue copy(value, allocator);
  ReferencesToCodenames(copy, names, allocator, unknown);
  DropMembers(copy, {"id", "last_modified"});
  return copy;
}

bool JsonEquals(const JsonValue& a, const JsonValue& b) {
  if (a.IsObject() && b.IsObject()) {
    for (const auto& m : a.GetObject()) {
      auto it = b.FindMember(m.name);
      if (it == b.MemberEnd()) {
        if (!m.value.IsNull()) return false;
      } else if (!JsonEquals(m.value, it->value)) {
        return false;
      }
    }
    for (const auto& m : b.GetObject())
      if (!a.HasMember(m.name) && !m.value.IsNull()) return false;
    return true;
  }
  if (a.IsArray() && b.IsArray()) {
    if (a.Size() != b.Size()) return false;
    for (rapidjson::SizeType i = 0; i < a.Size(); ++i)
      if (!JsonEquals(a[i], b[i])) return false;
    return true;
  }
  if (a.IsNumber() && b.IsNumber()) return a.GetDouble() == b.GetDouble();
  return a == b;
}

std::string ReferenceValue(const JsonValue* reference) {
  if (reference == nullptr || !IsAnyReference(*reference)) return "";
  const JsonValue& v = reference->MemberBegin()->value;
  return std::string(v.GetString(), v.GetStringLength());
}

}  // namespace kbulk::importer
