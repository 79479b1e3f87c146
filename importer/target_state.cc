#include "importer/target_state.h"

#include <algorithm>

#include "api/endpoints.h"

namespace kbulk::importer {
namespace ep = api::endpoints;
namespace {

constexpr std::uint64_t kFnvOffset = 1469598103934665603ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

void Mix(std::uint64_t& h, std::string_view text) {
  for (unsigned char c : text) {
    h ^= c;
    h *= kFnvPrime;
  }
  h ^= 0x1f;  // field separator, so ("ab","c") and ("a","bc") differ
  h *= kFnvPrime;
}

void LearnNested(const JsonValue& list, std::string_view child_key, std::unordered_map<std::string, std::string>& out,
                 std::unordered_map<std::string, std::string>* reverse) {
  if (!list.IsArray()) return;
  for (const auto& object : list.GetArray()) {
    auto id = StringMember(object, "id");
    auto codename = StringMember(object, "codename");
    if (id && codename) {
      out[std::string(*id)] = std::string(*codename);
      if (reverse) (*reverse)[std::string(*codename)] = std::string(*id);
    }
    if (const JsonValue* children = Member(object, child_key)) LearnNested(*children, child_key, out, reverse);
  }
}

}  // namespace

std::uint64_t HashText(std::string_view text) {
  std::uint64_t h = kFnvOffset;
  Mix(h, text);
  return h;
}

std::uint64_t Fingerprint(AssetShape shape) {
  std::sort(shape.descriptions.begin(), shape.descriptions.end());
  for (auto& element : shape.elements) std::sort(element.second.begin(), element.second.end());
  std::sort(shape.elements.begin(), shape.elements.end());
  std::uint64_t h = kFnvOffset;
  Mix(h, shape.codename);
  Mix(h, shape.title);
  Mix(h, shape.folder);
  Mix(h, shape.collection);
  for (const auto& [language, description] : shape.descriptions) {
    Mix(h, language);
    Mix(h, description);
  }
  Mix(h, "elements");
  for (const auto& [element, terms] : shape.elements) {
    Mix(h, element);
    for (const auto& term : terms) Mix(h, term);
    Mix(h, "end");
  }
  return h;
}

std::uint64_t Fingerprint(const ItemShape& shape) {
  std::uint64_t h = kFnvOffset;
  Mix(h, shape.name);
  Mix(h, shape.collection);
  return h;
}

std::string ReferencedId(const JsonValue* reference) {
  if (reference == nullptr || !reference->IsObject()) return "";
  if (const JsonValue* inner = Member(*reference, "reference")) return ReferencedId(inner);
  return std::string(StringMember(*reference, "id").value_or(""));
}

Status TargetState::LoadNames(api::ManagementClient& client) {
  {
    KBULK_ASSIGN_OR_RETURN(api::Response response, client.Send(ep::ListCollections()));
    KBULK_ASSIGN_OR_RETURN(JsonDocument body, ParseJson(response.body));
    if (const JsonValue* list = Member(body, "collections")) LearnNested(*list, "-", collections_, nullptr);
  }
  {
    KBULK_ASSIGN_OR_RETURN(api::Response response, client.Send(ep::ListAssetFolders()));
    KBULK_ASSIGN_OR_RETURN(JsonDocument body, ParseJson(response.body));
    if (const JsonValue* list = Member(body, "folders")) LearnNested(*list, "folders", folders_, nullptr);
  }
  auto languages = ep::ListLanguages();
  KBULK_RETURN_IF_ERROR(client.ListAll(languages.request, languages.array_key, [&](std::string_view json) -> Status {
    KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(json));
    auto id = StringMember(doc, "id");
    auto codename = StringMember(doc, "codename");
    if (id && codename) languages_[std::string(*id)] = std::string(*codename);
    return Status::Ok();
  }));
  auto taxonomies = ep::ListTaxonomies();
  return client.ListAll(taxonomies.request, taxonomies.array_key, [&](std::string_view json) -> Status {
    KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(json));
    if (const JsonValue* terms = Member(doc, "terms")) LearnNested(*terms, "terms", terms_, &term_ids_);
    return Status::Ok();
  });
}

std::string TargetState::Name(const std::unordered_map<std::string, std::string>& names, std::string_view id) const {
  if (id.empty()) return "";
  auto it = names.find(std::string(id));
  return it != names.end() ? it->second : "id:" + std::string(id);
}

AssetShape TargetState::ShapeOf(const JsonValue& asset) const {
  AssetShape shape;
  shape.codename = std::string(StringMember(asset, "codename").value_or(""));
  auto title = StringMember(asset, "title");
  shape.title = title ? std::string(*title) : "\x01null";
  std::string folder = ReferencedId(Member(asset, "folder"));
  if (folder != "00000000-0000-0000-0000-000000000000") shape.folder = Name(folders_, folder);
  shape.collection = Name(collections_, ReferencedId(Member(asset, "collection")));
  if (const JsonValue* descriptions = Member(asset, "descriptions"); descriptions && descriptions->IsArray()) {
    for (const auto& d : descriptions->GetArray()) {
      const JsonValue* text = Member(d, "description");
      shape.descriptions.emplace_back(Name(languages_, ReferencedId(Member(d, "language"))),
                                      text ? ToJsonString(*text) : "null");
    }
  }
  if (const JsonValue* elements = Member(asset, "elements"); elements && elements->IsArray()) {
    for (const auto& e : elements->GetArray()) {
      std::vector<std::string> terms;
      if (const JsonValue* value = Member(e, "value"); value && value->IsArray())
        for (const auto& term : value->GetArray()) terms.push_back(Name(terms_, ReferencedId(&term)));
      shape.elements.emplace_back(ReferencedId(Member(e, "element")), std::move(terms));
    }
  }
  return shape;
}

Status TargetState::LoadAssets(api::ManagementClient& client) {
  auto list = ep::ListAssets();
  return client.ListAll(list.request, list.array_key, [&](std::string_view json) -> Status {
    KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(json));
    auto external_id = StringMember(doc, "external_id");
    Asset state;
    state.fingerprint = Fingerprint(ShapeOf(doc));
    state.size = static_cast<std::uint64_t>(IntMember(doc, "size").value_or(0));
    state.type_hash = HashText(StringMember(doc, "type").value_or(""));
    if (!external_id || external_id->empty()) {  // matched by codename, if at all
      auto codename = StringMember(doc, "codename");
      if (codename && !codename->empty())
        assets_without_external_id_[HashText(*codename)] =
            AssetCodenameMatch{std::string(StringMember(doc, "id").value_or("")), state};
      return Status::Ok();
    }
    assets_[HashText(*external_id)] = state;
    return Status::Ok();
  });
}

Status TargetState::LoadItems(api::ManagementClient& client) {
  auto list = ep::ListItems();
  return client.ListAll(list.request, list.array_key, [&](std::string_view json) -> Status {
    KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(json));
    auto external_id = StringMember(doc, "external_id");
    std::uint64_t external_hash = external_id && !external_id->empty() ? HashText(*external_id) : 0;
    std::uint64_t codename_hash = HashText(StringMember(doc, "codename").value_or(""));
    item_codenames_[codename_hash] = external_hash;
    ItemShape shape{std::string(StringMember(doc, "name").value_or("")),
                    Name(collections_, ReferencedId(Member(doc, "collection")))};
    if (external_hash == 0) {
      items_without_external_id_[codename_hash] =
          CodenameMatch{std::string(StringMember(doc, "id").value_or("")), Item{Fingerprint(shape), codename_hash}};
      return Status::Ok();
    }
    items_[external_hash] = Item{Fingerprint(shape), codename_hash};
    return Status::Ok();
  });
}

const TargetState::Asset* TargetState::FindAsset(std::string_view external_id) const {
  auto it = assets_.find(HashText(external_id));
  return it != assets_.end() ? &it->second : nullptr;
}

const TargetState::Item* TargetState::FindItem(std::string_view external_id) const {
  auto it = items_.find(HashText(external_id));
  return it != items_.end() ? &it->second : nullptr;
}

const TargetState::CodenameMatch* TargetState::FindItemByCodename(std::string_view codename) const {
  auto it = items_without_external_id_.find(HashText(codename));
  return it != items_without_external_id_.end() && !it->second.id.empty() ? &it->second : nullptr;
}

const TargetState::AssetCodenameMatch* TargetState::FindAssetByCodename(std::string_view codename) const {
  auto it = assets_without_external_id_.find(HashText(codename));
  return it != assets_without_external_id_.end() && !it->second.id.empty() ? &it->second : nullptr;
}

bool TargetState::ItemCodenameTakenByOther(std::string_view codename, std::string_view external_id) const {
  auto it = item_codenames_.find(HashText(codename));
  return it != item_codenames_.end() && it->second != HashText(external_id);
}

const std::string* TargetState::TermId(std::string_view codename) const {
  auto it = term_ids_.find(std::string(codename));
  return it != term_ids_.end() ? &it->second : nullptr;
}

}  // namespace kbulk::importer
