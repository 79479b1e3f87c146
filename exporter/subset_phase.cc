// `--items CODENAMES --depth N`: the named items, then breadth-first every item they reference (linked
// items, subpages, rich-text objects and links, components) up to N levels, with every asset any of them
// references. Items and variants go to spooled entries while the walk runs; the assets found are
// exported (blobs first) and committed before them, as the archive order requires. The whole model is
// exported, so the subset imports into another project with no dangling reference.
#include <deque>
#include <set>

#include "content/element_references.h"
#include "exporter/export_run.h"

namespace kbulk::exporter {
namespace {

namespace ep = api::endpoints;

struct VariantReferences {
  std::set<std::string> items;
  std::set<std::string> assets;
};

// The items and assets a variant refers to by id, through the content reference model (element values, rich
// text, components). `element_types` maps element ids of types and snippets to their type; elements of
// unknown ids are skipped; references by external id name objects not created yet and are not followed.
void CollectVariantReferences(const JsonValue& variant,
                              const std::unordered_map<std::string, std::string>& element_types,
                              VariantReferences& out) {
  const JsonValue* elements = Member(variant, "elements");
  if (elements == nullptr) return;
  content::ElementReferences found;
  auto resolve = [&](const JsonValue& reference) -> std::optional<content::ElementDefinition> {
    auto id = StringMember(reference, "id");
    auto type = id ? element_types.find(std::string(*id)) : element_types.end();
    if (type == element_types.end()) return std::nullopt;
    return content::ElementDefinition{type->first, type->second};  // the id names the element in paths
  };
  content::CollectElementReferences(*elements, resolve, found);
  for (const content::ElementReference& reference : found.references) {
    if (reference.by != Reference::Kind::kId) continue;
    if (reference.target == content::TargetKind::kItem) out.items.insert(reference.value);
    if (reference.target == content::TargetKind::kAsset) out.assets.insert(reference.value);
  }
}

class SubsetExport {
 public:
  explicit SubsetExport(ExportRun& run) : run_(run) {}

  Status Run() {
    {
      std::lock_guard lock(run_.writer_mutex);
      KBULK_ASSIGN_OR_RETURN(items_, run_.writer->BeginNdjson(formats::kItemsPath));
      KBULK_ASSIGN_OR_RETURN(variants_, run_.writer->BeginNdjson(formats::kVariantsPath));
    }
    for (const auto& language : run_.options.languages) {
      auto it = run_.language_ids.find(language);
      if (it == run_.language_ids.end()) return InvalidArgument("language '" + language + "' does not exist");
      languages_.insert(it->second);
    }
    run_.progress.PhaseStarted("items", 0);
    for (const auto& codename : run_.options.items) {
      auto item = run_.client.Send(ep::GetItem(Reference::ByCodename(codename)));
      if (!item.ok()) {
        if (item.status().code() == StatusCode::kNotFound)
          return InvalidArgument("item '" + codename + "' does not exist");
        return item.status();
      }
      KBULK_RETURN_IF_ERROR(Visit(item->body, 0));
    }
    while (!queue_.empty()) {
      auto [id, depth] = queue_.front();
      queue_.pop_front();
      auto item = run_.client.Send(ep::GetItem(Reference::ById(id)));
      if (!item.ok()) {
        // A reference to an item that no longer exists: the archive's verify will name it.
        run_.Fail("item", "id " + id, item.status());
        continue;
      }
      KBULK_RETURN_IF_ERROR(Visit(item->body, depth));
    }
    KBULK_RETURN_IF_ERROR(ExportAssetsFound());
    std::lock_guard lock(run_.writer_mutex);
    KBULK_RETURN_IF_ERROR(items_->Commit());
    run_.progress.PhaseFinished("items", items_->records(), items_->bytes());
    KBULK_RETURN_IF_ERROR(variants_->Commit());
    run_.progress.PhaseFinished("variants", variants_->records(), variants_->bytes());
    return Status::Ok();
  }

 private:
  Status Visit(const std::string& item_json, int depth) {
    KBULK_ASSIGN_OR_RETURN(JsonDocument item, ParseJson(item_json));
    std::string id(StringMember(item, "id").value_or(""));
    if (!seen_.insert(id).second && depth == 0) return Status::Ok();  // a root named twice
    seen_.insert(id);
    {
      std::lock_guard lock(run_.writer_mutex);
      KBULK_RETURN_IF_ERROR(items_->Append(item_json));
      run_.Count(EntityKindName(EntityKind::kItem));
    }
    VariantReferences refs;
    auto list = ep::ListItemVariants(Reference::ById(id));
    KBULK_RETURN_IF_ERROR(run_.client.ListAll(list.request, list.array_key, [&](std::string_view json) -> Status {
      KBULK_ASSIGN_OR_RETURN(JsonDocument variant, ParseJson(json));
      std::string language = RefId(variant, "language");
      if (!languages_.empty() && languages_.count(language) == 0) return Status::Ok();
      KBULK_RETURN_IF_ERROR(WriteVariant(run_, *variants_, formats::VariantVersion::kLatest, json));
      CollectVariantReferences(variant, run_.element_types, refs);
      if (!NeedsPublished(run_, variant)) return Status::Ok();
      KBULK_ASSIGN_OR_RETURN(auto published, PublishedFromBase(variant, id, language));
      if (!published) return Status::Ok();  // the base knows there is none
      if (!*published) {
        KBULK_ASSIGN_OR_RETURN(*published, FetchPublished(run_, *variants_, id, language));
      }
      if (*published) {
        KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(**published));
        CollectVariantReferences(doc, run_.element_types, refs);
      }
      return Status::Ok();
    }));
    assets_.insert(refs.assets.begin(), refs.assets.end());
    if (depth >= run_.options.depth) return Status::Ok();
    for (const auto& target : refs.items) {
      if (seen_.insert(target).second) queue_.emplace_back(target, depth + 1);
    }
    return Status::Ok();
  }

  // With --base, an unchanged variant's published version (or its absence) as the base holds it, written
  // to the archive as the content phase does (docs/export.md). nullopt: the base knows there is none;
  // an empty inner optional: the base does not know (probe it).
  Result<std::optional<std::optional<std::string>>> PublishedFromBase(const JsonValue& variant, const std::string& id,
                                                                      const std::string& language) {
    using Out = std::optional<std::optional<std::string>>;
    if (!run_.base || run_.options.refresh_published) return Out(std::optional<std::string>());
    std::string text;
    KBULK_ASSIGN_OR_RETURN(auto known, run_.base->PublishedVersion(id, language, LatestFingerprint(variant), text));
    if (known == BaseArchive::Published::kNone) {
      ++run_.published_none_reused;
      return Out();
    }
    if (known == BaseArchive::Published::kUnknown) return Out(std::optional<std::string>());
    ++run_.published_reused;
    ++run_.published_versions;
    KBULK_RETURN_IF_ERROR(WriteVariant(run_, *variants_, formats::VariantVersion::kPublished, text));
    return Out(std::optional<std::string>(std::move(text)));
  }

  Status ExportAssetsFound() {
    if (!run_.options.Exports(EntityKind::kAsset)) return Status::Ok();
    std::unique_ptr<formats::NdjsonSink> sink;
    {
      std::lock_guard lock(run_.writer_mutex);
      KBULK_ASSIGN_OR_RETURN(sink, run_.writer->BeginNdjson(formats::kAssetsPath));
    }
    run_.progress.PhaseStarted("assets", assets_.size());
    for (const auto& id : assets_) {
      auto asset = run_.client.Send(ep::GetAsset(Reference::ById(id)));
      if (!asset.ok()) {
        run_.Fail("asset", "id " + id, asset.status());
        continue;
      }
      KBULK_RETURN_IF_ERROR(WriteAsset(run_, *sink, asset->body));
    }
    KBULK_RETURN_IF_ERROR(CopyBaseBlobs(run_));
    std::lock_guard lock(run_.writer_mutex);
    KBULK_RETURN_IF_ERROR(sink->Commit());
    run_.progress.PhaseFinished("assets", sink->records(), run_.binary_bytes);
    return Status::Ok();
  }

  ExportRun& run_;
  std::unique_ptr<formats::NdjsonSink> items_, variants_;
  std::set<std::string> languages_;
  std::set<std::string> seen_;
  std::set<std::string> assets_;
  std::deque<std::pair<std::string, int>> queue_;
};

}  // namespace

Status ExportSubset(ExportRun& run) {
  return SubsetExport(run).Run();
}

}  // namespace kbulk::exporter
