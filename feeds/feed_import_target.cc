// FeedTarget: the target environment as a feed import needs it (feed_import_target.h).
#include "feeds/feed_import_target.h"

#include <algorithm>
#include <cstdio>

#include "api/endpoints.h"
#include "content/import_naming.h"
#include "core/json.h"
#include "richtext/reference_rewriter.h"

namespace kbulk::feeds {
namespace ep = api::endpoints;
namespace {

std::string Str(const JsonValue& object, std::string_view key) {
  return std::string(StringMember(object, key).value_or(""));
}
std::string RefId(const JsonValue& object, std::string_view key) {
  const JsonValue* ref = Member(object, key);
  return ref != nullptr && ref->IsObject() ? Str(*ref, "id") : "";
}

void Canonical(const JsonValue& value, std::string& out) {
  if (value.IsObject()) {
    std::vector<const JsonValue::Member*> members;
    for (const auto& m : value.GetObject()) members.push_back(&m);
    std::sort(members.begin(), members.end(), [](auto* a, auto* b) {
      return std::string_view(a->name.GetString(), a->name.GetStringLength()) <
             std::string_view(b->name.GetString(), b->name.GetStringLength());
    });
    out += '{';
    for (const auto* m : members) {
      out += ToJsonString(m->name) + ':';
      Canonical(m->value, out);
      out += ',';
    }
    out += '}';
  } else if (value.IsArray()) {
    out += '[';
    for (const auto& v : value.GetArray()) {
      Canonical(v, out);
      out += ',';
    }
    out += ']';
  } else if (value.IsNumber()) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", value.GetDouble());
    out += buffer;
  } else {
    out += ToJsonString(value);
  }
}

void AddTerms(const JsonValue& terms, std::set<std::string>& out) {
  if (!terms.IsArray()) return;
  for (const auto& term : terms.GetArray()) {
    out.insert(Str(term, "codename"));
    if (const JsonValue* nested = Member(term, "terms")) AddTerms(*nested, out);
  }
}

constexpr std::string_view kKbulkPrefix = "kbulk-";
constexpr std::size_t kIndexes = 6;  // the SpillingIndexes sharing the budget

}  // namespace

std::uint64_t DecodedValueHash(std::string_view element_json) {
  auto doc = ParseJson(element_json);
  if (!doc.ok()) return importer::VariantHash(element_json);
  std::string canonical;
  Canonical(*doc, canonical);
  std::uint64_t hash = importer::VariantHash(canonical);
  return hash == 0 ? 1 : hash;
}

FeedTarget::FeedTarget(std::size_t memory_budget, std::string temp_dir)
    : model_(std::make_unique<content::ModelIndex>()),
      workflows_(std::make_unique<importer::TargetVariants>()),
      items_(memory_budget / kIndexes, temp_dir),
      item_by_codename_(memory_budget / kIndexes, temp_dir),
      item_by_external_id_(memory_budget / kIndexes, temp_dir),
      asset_external_id_(memory_budget / kIndexes, temp_dir),
      asset_by_external_id_(memory_budget / kIndexes, temp_dir),
      variants_(memory_budget / kIndexes, temp_dir) {}
FeedTarget::~FeedTarget() = default;

std::uint64_t FeedTarget::spills() const {
  return items_.spills() + item_by_codename_.spills() + item_by_external_id_.spills() + asset_external_id_.spills() +
         asset_by_external_id_.spills() + variants_.spills();
}

void FeedTarget::Put(SpillingIndex& index, std::string_view key, std::string_view value) {
  Status put = index.Put(key, value);
  if (!put.ok() && failure_.ok()) failure_ = put;
}

std::optional<std::string> FeedTarget::Get(SpillingIndex& index, std::string_view key, bool empty_is_absent) const {
  std::string value;
  auto found = index.Get(key, value);
  if (!found.ok()) {
    if (failure_.ok()) failure_ = found.status();
    return std::nullopt;
  }
  if (!*found || (empty_is_absent && value.empty())) return std::nullopt;
  return value;
}

std::optional<TargetItem> FeedTarget::ItemById(std::string_view id) const {
  auto value = Get(items_, id, false);
  return value ? DecodeTargetItem(*value) : std::nullopt;
}

void FeedTarget::PutItem(const TargetItem& item) {
  Put(items_, item.id, EncodeTargetItem(item));
  if (!item.codename.empty()) Put(item_by_codename_, item.codename, item.id);
  if (!item.external_id.empty()) Put(item_by_external_id_, item.external_id, item.id);
}

Status FeedTarget::Load(api::ManagementClient& client, std::string_view type_codename, FeedFormat format) {
  KBULK_RETURN_IF_ERROR(LoadModel(client, type_codename));
  auto items = ep::ListItems();
  KBULK_RETURN_IF_ERROR(client.ListAll(items.request, items.array_key, [&](std::string_view json) -> Status {
    KBULK_ASSIGN_OR_RETURN(JsonDocument item, ParseJson(json));
    PutItem({Str(item, "id"), Str(item, "codename"), Str(item, "external_id"), Str(item, "name"), RefId(item, "type"),
             RefId(item, "collection")});
    return failure_;
  }));
  auto assets = ep::ListAssets();
  KBULK_RETURN_IF_ERROR(client.ListAll(assets.request, assets.array_key, [&](std::string_view json) -> Status {
    KBULK_ASSIGN_OR_RETURN(JsonDocument asset, ParseJson(json));
    std::string id = Str(asset, "id"), external_id = Str(asset, "external_id");
    if (!external_id.empty()) Put(asset_by_external_id_, external_id, id);
    Put(asset_external_id_, id, external_id);
    return failure_;
  }));
  KBULK_RETURN_IF_ERROR(LoadVariants(client, format));
  return failure_;
}

Status FeedTarget::LoadModel(api::ManagementClient& client, std::string_view type_codename) {
  // Every type: components of other types are encoded through the model too.
  std::string type_json;
  auto types = ep::ListTypes();
  KBULK_RETURN_IF_ERROR(client.ListAll(types.request, types.array_key, [&](std::string_view json) -> Status {
    KBULK_RETURN_IF_ERROR(model_->Add(EntityKind::kContentType, json));
    KBULK_ASSIGN_OR_RETURN(JsonDocument type, ParseJson(json));
    if (StringMember(type, "codename") == type_codename) type_json = std::string(json);
    return Status::Ok();
  }));
  if (type_json.empty())
    return InvalidArgument("content type '" + std::string(type_codename) + "' is not in the target environment");
  KBULK_ASSIGN_OR_RETURN(JsonDocument type_doc, ParseJson(type_json));
  type_id_ = Str(type_doc, "id");
  std::vector<std::string> snippets;
  std::vector<JsonDocument> element_owners;
  auto list = ep::ListSnippets();
  KBULK_RETURN_IF_ERROR(client.ListAll(list.request, list.array_key, [&](std::string_view json) -> Status {
    KBULK_RETURN_IF_ERROR(model_->Add(EntityKind::kSnippet, json));
    snippets.emplace_back(json);
    return Status::Ok();
  }));
  KBULK_ASSIGN_OR_RETURN(columns_, Columns::Build(type_json, snippets));
  // Options and taxonomy groups of every element, the snippets' included.
  std::map<std::string, std::string> group_of;  // element codename -> taxonomy group id
  auto learn = [&](const JsonValue& owner) {
    const JsonValue* elements = Member(owner, "elements");
    if (elements == nullptr || !elements->IsArray()) return;
    for (const auto& element : elements->GetArray()) {
      std::string codename = Str(element, "codename");
      if (const JsonValue* options = Member(element, "options"); options != nullptr && options->IsArray()) {
        auto& allowed = options_[codename];
        for (const auto& option : options->GetArray()) allowed.insert(Str(option, "codename"));
      }
      if (std::string group = RefId(element, "taxonomy_group"); !group.empty()) group_of[codename] = group;
    }
  };
  learn(type_doc);
  for (const auto& snippet : snippets) {
    if (auto doc = ParseJson(snippet); doc.ok()) learn(*doc);
  }
  auto taxonomies = ep::ListTaxonomies();
  KBULK_RETURN_IF_ERROR(client.ListAll(taxonomies.request, taxonomies.array_key, [&](std::string_view json) -> Status {
    KBULK_RETURN_IF_ERROR(model_->Add(EntityKind::kTaxonomyGroup, json));
    KBULK_ASSIGN_OR_RETURN(JsonDocument group, ParseJson(json));
    std::string id = Str(group, "id");
    for (const auto& [element, group_id] : group_of) {
      if (group_id != id) continue;
      auto& allowed = terms_[element];
      if (const JsonValue* terms = Member(group, "terms")) AddTerms(*terms, allowed);
    }
    return Status::Ok();
  }));
  auto languages = ep::ListLanguages();
  KBULK_RETURN_IF_ERROR(client.ListAll(languages.request, languages.array_key, [&](std::string_view json) -> Status {
    KBULK_RETURN_IF_ERROR(model_->Add(EntityKind::kLanguage, json));
    KBULK_ASSIGN_OR_RETURN(JsonDocument language, ParseJson(json));
    languages_[Str(language, "codename")] = Str(language, "id");
    return Status::Ok();
  }));
  auto collections = client.Send(ep::ListCollections());
  if (!collections.ok()) return collections.status();
  KBULK_ASSIGN_OR_RETURN(JsonDocument collections_doc, ParseJson(collections->body));
  if (const JsonValue* list_json = Member(collections_doc, "collections"); list_json && list_json->IsArray()) {
    for (const auto& collection : list_json->GetArray()) {
      KBULK_RETURN_IF_ERROR(model_->Add(EntityKind::kCollection, ToJsonString(collection)));
      collections_.insert(Str(collection, "codename"));
    }
  }
  auto workflows = ep::ListWorkflows();
  KBULK_RETURN_IF_ERROR(client.ListAll(workflows.request, workflows.array_key, [&](std::string_view json) {
    return model_->Add(EntityKind::kWorkflow, json);
  }));
  return workflows_->LoadWorkflows(client);
}

Status FeedTarget::LoadRenditions(api::ManagementClient& client) {
  bool any_asset = false;
  for (const Column& column : columns_.list) any_asset = any_asset || column.type == "asset";
  if (!any_asset) return Status::Ok();
  std::set<std::string> assets;
  auto list = ep::ListVariantsByType(Reference::ById(type_id_));
  KBULK_RETURN_IF_ERROR(client.ListAll(list.request, list.array_key, [&](std::string_view json) -> Status {
    if (json.find("\"renditions\"") == std::string_view::npos) return Status::Ok();
    KBULK_ASSIGN_OR_RETURN(JsonDocument variant, ParseJson(json));
    const JsonValue* elements = Member(variant, "elements");
    if (elements == nullptr || !elements->IsArray()) return Status::Ok();
    for (const auto& element : elements->GetArray()) {
      const JsonValue* value = Member(element, "value");
      if (value == nullptr || !value->IsArray()) continue;
      for (const auto& entry : value->GetArray()) {
        const JsonValue* renditions = entry.IsObject() ? Member(entry, "renditions") : nullptr;
        if (renditions != nullptr && renditions->IsArray() && !renditions->Empty() && !Str(entry, "id").empty())
          assets.insert(Str(entry, "id"));
      }
    }
    return Status::Ok();
  }));
  for (const std::string& asset : assets) {
    auto renditions = ep::ListRenditions(Reference::ById(asset));
    Status listed = client.ListAll(renditions.request, renditions.array_key, [&](std::string_view json) -> Status {
      KBULK_ASSIGN_OR_RETURN(JsonDocument rendition, ParseJson(json));
      std::string id = Str(rendition, "rendition_id"), external_id = Str(rendition, "external_id");
      if (!external_id.empty()) rendition_by_external_id_.emplace(external_id, id);
      rendition_external_id_[id] = std::move(external_id);
      return Status::Ok();
    });
    if (!listed.ok() && listed.code() != StatusCode::kNotFound) return listed;
  }
  return Status::Ok();
}

Status FeedTarget::LoadVariants(api::ManagementClient& client, FeedFormat format) {
  KBULK_RETURN_IF_ERROR(LoadRenditions(client));
  std::unordered_map<std::string, std::size_t> column_of;  // element id -> column index
  for (std::size_t i = 0; i < columns_.list.size(); ++i) {
    if (columns_.list[i].kind == Column::Kind::kElement) column_of[columns_.list[i].element_id] = i;
  }
  auto list = ep::ListVariantsByType(Reference::ById(type_id_));
  return client.ListAll(list.request, list.array_key, [&](std::string_view json) -> Status {
    KBULK_ASSIGN_OR_RETURN(JsonDocument variant, ParseJson(json));
    TargetVariant target;
    importer::WorkflowFacts facts = importer::FactsOf(variant, *model_);
    target.workflow = facts.workflow;
    target.step = facts.step;
    const JsonValue* workflow = Member(variant, "workflow");
    target.phase = importer::PhaseOfStep(workflow ? model_->Step(RefId(*workflow, "step_identifier")) : nullptr);
    std::vector<std::string> raw(columns_.list.size());
    if (const JsonValue* elements = Member(variant, "elements"); elements != nullptr && elements->IsArray()) {
      for (const auto& element : elements->GetArray()) {
        auto it = column_of.find(RefId(element, "element"));
        if (it != column_of.end()) raw[it->second] = ToJsonString(element);
      }
    }
    target.values.assign(columns_.list.size(), 0);
    for (std::size_t i = 0; i < columns_.list.size(); ++i) {
      const Column& column = columns_.list[i];
      if (column.kind != Column::Kind::kElement) continue;
      auto encoded = EncodeElement(column, raw[i], *this);
      if (!encoded.ok()) continue;  // 0: never equal, a row writes it
      auto decoded = format == FeedFormat::kCsv ? DecodeCell(column, encoded->cell, encoded->components)
                                                : DecodeJsonValue(column, encoded->json);
      if (decoded.ok()) target.values[i] = ValueHash(*decoded);
    }
    Put(variants_, RefId(variant, "item") + "/" + RefId(variant, "language"), EncodeTargetVariant(target));
    return failure_;
  });
}

void FeedTarget::Remember(const TargetItem& item) {
  if (auto old = ItemById(item.id)) {
    // An item this import updated: replaced (its old codename no longer names it).
    auto unmap = [&](SpillingIndex& index, const std::string& key) {
      if (!key.empty() && Get(index, key, true) == item.id) Put(index, key, "");
    };
    if (old->codename != item.codename) unmap(item_by_codename_, old->codename);
    if (old->external_id != item.external_id) unmap(item_by_external_id_, old->external_id);
  }
  PutItem(item);
}

std::optional<TargetItem> FeedTarget::ItemByCodename(std::string_view codename) const {
  auto id = Get(item_by_codename_, codename, true);
  return id ? ItemById(*id) : std::nullopt;
}

std::optional<TargetItem> FeedTarget::ItemByExternalId(std::string_view external_id) const {
  auto id = Get(item_by_external_id_, external_id, true);
  return id ? ItemById(*id) : std::nullopt;
}

std::optional<TargetVariant> FeedTarget::Variant(std::string_view item_id, std::string_view language_id) const {
  auto value = Get(variants_, std::string(item_id) + "/" + std::string(language_id), true);
  return value ? DecodeTargetVariant(*value) : std::nullopt;
}

void FeedTarget::Forget(std::string_view item_id, std::string_view language_id) {
  Put(variants_, std::string(item_id) + "/" + std::string(language_id), "");
}

const std::string* FeedTarget::LanguageId(std::string_view codename) const {
  auto it = languages_.find(std::string(codename));
  return it == languages_.end() ? nullptr : &it->second;
}

const std::string* FeedTarget::ItemCodename(std::string_view item_id) const {
  auto item = ItemById(item_id);
  if (!item) return nullptr;
  codename_ = std::move(item->codename);
  return &codename_;
}

std::string FeedTarget::ItemExternalId(std::string_view item_id) const {
  auto item = ItemById(item_id);
  if (!item || item->external_id.empty()) return content::SourceExternalId(item_id);
  return item->external_id;
}

std::string FeedTarget::AssetExternalId(std::string_view asset_id) const {
  auto external_id = AssetExternalIdOf(asset_id);
  if (!external_id || external_id->empty()) return content::SourceExternalId(asset_id);
  return *external_id;
}

std::string FeedTarget::RenditionExternalId(std::string_view rendition_id) const {
  auto it = rendition_external_id_.find(std::string(rendition_id));
  if (it == rendition_external_id_.end() || it->second.empty()) return content::SourceExternalId(rendition_id);
  return it->second;
}

std::string FeedTarget::CheckReferences(const Column& column, const JsonValue& element) const {
  const JsonValue* value = Member(element, "value");
  if (value == nullptr || !value->IsArray()) return "";
  for (const auto& entry : value->GetArray()) {
    std::string codename = Str(entry, "codename"), external_id = Str(entry, "external_id"), id = Str(entry, "id");
    if (column.type == "multiple_choice" && !codename.empty()) {
      auto it = options_.find(column.codename);
      if (it == options_.end() || it->second.count(codename) == 0)
        return "no option '" + codename + "' in element '" + column.codename + "'";
    } else if (column.type == "taxonomy" && !codename.empty()) {
      auto it = terms_.find(column.codename);
      if (it == terms_.end() || it->second.count(codename) == 0)
        return "no term '" + codename + "' in the element's taxonomy group";
    } else if ((column.type == "modular_content" || column.type == "subpages") && !codename.empty()) {
      if (!ItemByCodename(codename)) return "no item '" + codename + "' in the target environment";
    } else if (column.type == "asset" && !external_id.empty()) {
      bool known = HasAssetExternalId(external_id);
      if (!known && external_id.rfind(kKbulkPrefix, 0) == 0)
        known = AssetExternalIdOf(std::string_view(external_id).substr(kKbulkPrefix.size())).has_value();
      if (!known) return "no asset with external id '" + external_id + "' in the target environment";
    }
  }
  return "";
}

}  // namespace kbulk::feeds
