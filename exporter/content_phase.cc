// Content phase: items (one list), then variants by content type (full pages, types listed in parallel),
// and for each variant whose latest version is not itself published or archived, its published version
// (one request each: no list route returns it; 404 = never published). A Scheduled latest version is a
// newer version waiting for its time: the version published now still sits under it.
#include <functional>
#include <future>

#include "exporter/chain_lister.h"
#include "exporter/export_run.h"
#include "exporter/task_pool.h"
#include "formats/record_envelope.h"

namespace kbulk::exporter {
namespace ep = api::endpoints;

std::string RefId(const JsonValue& object, std::string_view member) {
  const JsonValue* ref = Member(object, member);
  return ref ? std::string(StringMember(*ref, "id").value_or("")) : std::string();
}

std::string StepId(const JsonValue& variant) {
  if (const JsonValue* workflow = Member(variant, "workflow")) {
    std::string id = RefId(*workflow, "step_identifier");
    if (!id.empty()) return id;
  }
  return RefId(variant, "workflow_step");
}

bool NeedsPublished(const ExportRun& run, const JsonValue& variant) {
  if (run.options.latest_only) return false;
  auto step = run.steps.find(StepId(variant));
  // Published: the latest is the published version. Archived: nothing is published. Anything else
  // (a workflow step, or Scheduled: a newer version waiting to be published) may hide a published version.
  return step == run.steps.end() || step->second == StepClass::kOther || step->second == StepClass::kScheduled;
}

Status WriteVariant(ExportRun& run, formats::NdjsonSink& sink, formats::VariantVersion version, std::string_view json) {
  std::lock_guard lock(run.writer_mutex);
  KBULK_RETURN_IF_ERROR(sink.Append(formats::MakeVariantRecord(version, json)));
  run.Count(EntityKindName(EntityKind::kVariant));
  run.progress.Advanced("variants", sink.records(), sink.bytes());
  return Status::Ok();
}

Result<std::optional<std::string>> FetchPublished(ExportRun& run, formats::NdjsonSink& sink, const std::string& item_id,
                                                  const std::string& language_id) {
  auto response = run.client.Send(ep::GetPublishedVariant(Reference::ById(item_id), Reference::ById(language_id)));
  ++run.published_requests;
  run.progress.Advanced("published versions", run.PublishedSettled(), 0);
  if (!response.ok()) {
    if (response.status().code() == StatusCode::kNotFound) {  // never published
      ++run.published_none;
      return std::optional<std::string>();
    }
    run.Fail("variant", "item id " + item_id + " language id " + language_id + " (published version)",
             response.status());
    return std::optional<std::string>();
  }
  ++run.published_versions;
  KBULK_RETURN_IF_ERROR(WriteVariant(run, sink, formats::VariantVersion::kPublished, response->body));
  return std::optional<std::string>(std::move(response->body));
}

namespace {

// Resolves codename filters to ids; an unknown codename is a usage error, not an empty export.
Result<std::set<std::string>> Resolve(const std::vector<std::string>& codenames,
                                      const std::map<std::string, std::string>& ids, std::string_view what) {
  std::set<std::string> out;
  for (const auto& codename : codenames) {
    auto it = ids.find(codename);
    if (it == ids.end()) return InvalidArgument(std::string(what) + " '" + codename + "' does not exist");
    out.insert(it->second);
  }
  return out;
}

class ContentExport {
 public:
  ContentExport(ExportRun& run, std::function<Status()> before_commit)
      : run_(run), before_commit_(std::move(before_commit)) {}

  Status Run() {
    KBULK_ASSIGN_OR_RETURN(types_, Resolve(run_.options.types, run_.type_ids, "content type"));
    KBULK_ASSIGN_OR_RETURN(languages_, Resolve(run_.options.languages, run_.language_ids, "language"));
    KBULK_ASSIGN_OR_RETURN(collections_, Resolve(run_.options.collections, run_.collection_ids, "collection"));
    bool items = run_.options.Exports(EntityKind::kItem);
    bool variants = run_.options.Exports(EntityKind::kVariant);
    if (!items && !variants) return Status::Ok();
    {
      std::lock_guard lock(run_.writer_mutex);
      if (items) {
        KBULK_ASSIGN_OR_RETURN(items_sink_, run_.writer->BeginNdjson(formats::kItemsPath));
      }
      if (variants) {
        KBULK_ASSIGN_OR_RETURN(variants_sink_, run_.writer->BeginNdjson(formats::kVariantsPath));
      }
    }
    run_.progress.PhaseStarted("items", 0);
    // Without a filter on items no variant needs its item's facts: the item and variant chains overlap,
    // every content type is listed (a type without items costs one empty page).
    overlap_ = variants && types_.empty() && collections_.empty() && run_.options.since.empty();
    if (overlap_) {
      for (const auto& [codename, id] : run_.type_ids) types_with_items_.insert(id);
      run_.progress.PhaseStarted("variants", 0);
      std::future<Status> items_listed = std::async(std::launch::async, [this] { return ListItems(false); });
      Status variants_listed = ListVariants();
      KBULK_RETURN_IF_ERROR(items_listed.get());
      KBULK_RETURN_IF_ERROR(variants_listed);
    } else {
      KBULK_RETURN_IF_ERROR(ListItems(/*second_pass=*/false));
      if (variants) {
        run_.progress.PhaseStarted("variants", 0);
        KBULK_RETURN_IF_ERROR(ListVariants());
      }
    }
    // With --since an unchanged item is still needed by its changed variants.
    if (items && !run_.options.since.empty()) KBULK_RETURN_IF_ERROR(ListItems(/*second_pass=*/true));
    // The asset phase (listed in parallel) must have committed its entries before ours.
    if (before_commit_) KBULK_RETURN_IF_ERROR(before_commit_());
    std::lock_guard lock(run_.writer_mutex);
    if (items_sink_) {
      KBULK_RETURN_IF_ERROR(items_sink_->Commit());
      run_.progress.PhaseFinished("items", items_sink_->records(), items_sink_->bytes());
    }
    if (variants_sink_) {
      KBULK_RETURN_IF_ERROR(variants_sink_->Commit());
      run_.progress.PhaseFinished("variants", variants_sink_->records(), variants_sink_->bytes());
    }
    return Status::Ok();
  }

 private:
  Status ListItems(bool second_pass) {
    auto list = ep::ListItems();
    return ListChain(run_.client, list.request, list.array_key, /*critical=*/false,
                     [&](std::string_view json) -> Status {
                       KBULK_ASSIGN_OR_RETURN(JsonDocument item, ParseJson(json));
                       auto id = Uuid::Parse(StringMember(item, "id").value_or(""));
                       if (!id) return Corrupt("an item without a valid id: " + std::string(json.substr(0, 200)));
                       std::lock_guard items_lock(run_.items_mutex);
                       if (second_pass) {
                         auto it = run_.items.find(*id);
                         if (it == run_.items.end() || it->second.written || !it->second.wanted) return Status::Ok();
                         it->second.written = true;
                         return AppendItem(json);
                       }
                       std::string type_id = RefId(item, "type");
                       if (!types_.empty() && types_.count(type_id) == 0) return Status::Ok();
                       if (!collections_.empty() && collections_.count(RefId(item, "collection")) == 0)
                         return Status::Ok();
                       if (!overlap_) types_with_items_.insert(std::move(type_id));
                       ItemFacts facts;
                       facts.changed = run_.SinceAllows(StringMember(item, "last_modified").value_or(""));
                       facts.written = facts.changed && items_sink_ != nullptr;
                       run_.items.emplace(*id, facts);
                       return facts.written ? AppendItem(json) : Status::Ok();
                     });
  }

  Status AppendItem(std::string_view json) {
    std::lock_guard lock(run_.writer_mutex);
    KBULK_RETURN_IF_ERROR(items_sink_->Append(json));
    run_.Count(EntityKindName(EntityKind::kItem));
    run_.progress.Advanced("items", items_sink_->records(), items_sink_->bytes());
    return Status::Ok();
  }

  Status ListVariants() {
    // A type with no (selected) item has no variant: listing it would be a request for nothing.
    const std::set<std::string>& types = types_with_items_;
    std::size_t readers = std::max<std::uint32_t>(1, run_.options.read_concurrency);
    TaskPool published(readers, 4 * readers);
    if (!run_.options.latest_only) run_.progress.PhaseStarted("published versions", 0);
    Status listed;
    {
      TaskPool lists(std::min<std::size_t>(readers, types.size() + 1), types.size() + 1);
      for (const auto& type_id : types) {
        listed = lists.Submit([this, type_id, &published] { return ListType(type_id, published); });
        if (!listed.ok()) break;
      }
      Status done = lists.Wait();
      if (listed.ok()) listed = done;
    }
    Status fetched = published.Wait();
    if (!run_.options.latest_only) run_.progress.PhaseFinished("published versions", run_.PublishedSettled(), 0);
    KBULK_RETURN_IF_ERROR(listed);
    return fetched;
  }

  Status ListType(const std::string& type_id, TaskPool& published) {
    // Variants outnumber items (one per language) and one type usually holds most of them: its chain is
    // the one that bounds the listing, so the variant chains are critical (api/rate_pacer.h).
    auto list = ep::ListVariantsByType(Reference::ById(type_id));
    return ListChain(
        run_.client, list.request, list.array_key, /*critical=*/true, [&](std::string_view json) -> Status {
          KBULK_ASSIGN_OR_RETURN(JsonDocument variant, ParseJson(json));
          std::string item_id = RefId(variant, "item");
          std::string language_id = RefId(variant, "language");
          if (!languages_.empty() && languages_.count(language_id) == 0) return Status::Ok();
          if (!overlap_) {
            std::lock_guard items_lock(run_.items_mutex);
            auto key = Uuid::Parse(item_id);
            auto it = key ? run_.items.find(*key) : run_.items.end();
            if (it == run_.items.end()) return Status::Ok();  // filtered out (type or collection)
            bool changed = run_.SinceAllows(StringMember(variant, "last_modified").value_or(""));
            if (!changed) return Status::Ok();
            it->second.wanted = true;
          }
          KBULK_RETURN_IF_ERROR(WriteVariant(run_, *variants_sink_, formats::VariantVersion::kLatest, json));
          if (!NeedsPublished(run_, variant)) return Status::Ok();
          if (run_.base && !run_.options.refresh_published) {
            // An unchanged latest version keeps the base's published version, or its absence (docs/export.md).
            std::string text;
            KBULK_ASSIGN_OR_RETURN(auto known,
                                   run_.base->PublishedVersion(item_id, language_id, LatestFingerprint(variant), text));
            if (known != BaseArchive::Published::kUnknown) {
              run_.progress.Advanced("published versions", run_.PublishedSettled() + 1, 0);
            }
            if (known == BaseArchive::Published::kNone) {
              ++run_.published_none_reused;
              return Status::Ok();
            }
            if (known == BaseArchive::Published::kPresent) {
              ++run_.published_reused;
              ++run_.published_versions;
              return WriteVariant(run_, *variants_sink_, formats::VariantVersion::kPublished, text);
            }
          }
          return published.Submit([this, item_id, language_id] {
            return exporter::FetchPublished(run_, *variants_sink_, item_id, language_id).status();
          });
        });
  }

  ExportRun& run_;
  std::function<Status()> before_commit_;
  bool overlap_ = false;  // items and variants listed at once (no type, collection or --since filter)
  std::set<std::string> types_, languages_, collections_;
  std::set<std::string> types_with_items_;  // content type ids of the items kept (few: one per type)
  std::unique_ptr<formats::NdjsonSink> items_sink_;
  std::unique_ptr<formats::NdjsonSink> variants_sink_;
};

}  // namespace

Status CheckContentFilters(const ExportRun& run) {
  KBULK_RETURN_IF_ERROR(Resolve(run.options.types, run.type_ids, "content type").status());
  KBULK_RETURN_IF_ERROR(Resolve(run.options.languages, run.language_ids, "language").status());
  return Resolve(run.options.collections, run.collection_ids, "collection").status();
}

Status ExportContent(ExportRun& run, std::function<Status()> before_commit) {
  return ContentExport(run, std::move(before_commit)).Run();
}

}  // namespace kbulk::exporter
