// ExportFeedFromArchive(): an ArchiveVisitor that learns the model, asset and item names, then turns the
// selected type's variants into rows (feed_export.h).
#include "feeds/feed_export.h"

#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>

#include "content/import_naming.h"
#include "core/json.h"
#include "feeds/archive_names.h"
#include "feeds/cell_codec.h"
#include "formats/archive_reader.h"
#include "formats/record_envelope.h"
#include "formats/temp_files.h"

namespace kbulk::feeds {
namespace {

std::string RefId(const JsonValue& object, std::string_view key) {
  const JsonValue* ref = Member(object, key);
  return ref != nullptr ? std::string(StringMember(*ref, "id").value_or("")) : std::string();
}

std::string StepId(const JsonValue& variant) {
  if (const JsonValue* workflow = Member(variant, "workflow"); workflow != nullptr) {
    std::string step = RefId(*workflow, "step_identifier");
    if (!step.empty()) return step;
  }
  return RefId(variant, "workflow_step");
}

std::string WorkflowId(const JsonValue& variant) {
  const JsonValue* workflow = Member(variant, "workflow");
  return workflow != nullptr ? RefId(*workflow, "workflow_identifier") : std::string();
}

RowCell Text(const std::string* text) {
  RowCell cell;
  if (text != nullptr) {
    cell.text = *text;
    JsonWriter json;
    json.String(*text);
    cell.json = json.str();
  }
  return cell;
}

class FeedVisitor : public formats::ArchiveVisitor {
 public:
  FeedVisitor(const FeedExportOptions& options, FeedWriter& writer, Progress& progress)
      : options_(options), writer_(writer), progress_(progress), names_(options.names_memory_budget) {}

  Status OnRecord(const formats::EntryInfo& info, std::uint64_t, std::string_view json) override {
    if (!info.entity) return Status::Ok();
    switch (*info.entity) {
      case EntityKind::kAsset: return names_.AddAsset(json);
      case EntityKind::kItem: return names_.AddItem(json, &type_id_);
      case EntityKind::kVariant: return Variant(json);
      case EntityKind::kContentType:
      case EntityKind::kSnippet:
      case EntityKind::kLanguage: KBULK_RETURN_IF_ERROR(KeepModel(*info.entity, json)); [[fallthrough]];
      default: return names_.AddModel(*info.entity, json);
    }
  }

  // After the archive: the rows of `published` mode, and the header when no variant was seen.
  Status Finish(FeedExportSummary& summary) {
    KBULK_RETURN_IF_ERROR(Prepare());
    if (spool_ != nullptr) KBULK_RETURN_IF_ERROR(EmitSpooled());
    progress_.PhaseFinished("rows", writer_.rows(), 0);
    summary.columns = columns_.list.size();
    summary.skipped_unpublished = skipped_unpublished_;
    return writer_.Finish();
  }

 private:
  Status KeepModel(EntityKind kind, std::string_view json) {
    KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(json));
    if (!doc.IsObject()) return Status::Ok();  // the model index reports it
    std::string codename(StringMember(doc, "codename").value_or(""));
    std::string id(StringMember(doc, "id").value_or(""));
    if (kind == EntityKind::kContentType && codename == options_.type) {
      type_json_ = std::string(json);
      type_id_ = id;
    } else if (kind == EntityKind::kSnippet) {
      snippets_.emplace_back(json);
    } else if (kind == EntityKind::kLanguage) {
      languages_[codename] = id;
    }
    return Status::Ok();
  }

  // Once, before the first row: the columns, the language filter, the header.
  Status Prepare() {
    if (prepared_) return Status::Ok();
    prepared_ = true;
    if (type_json_.empty()) return NotFound("content type '" + options_.type + "' is not in the archive's model");
    KBULK_ASSIGN_OR_RETURN(columns_, Columns::Build(type_json_, snippets_, options_.columns));
    for (const std::string& codename : options_.languages) {
      auto found = languages_.find(codename);
      if (found == languages_.end()) return NotFound("language '" + codename + "' is not in the archive's model");
      language_ids_.insert(found->second);
    }
    snippets_.clear();
    if (options_.published) {
      // Owner-only and anonymous (formats/temp_files.h): nothing is left behind.
      KBULK_ASSIGN_OR_RETURN(int fd, formats::CreateAnonymousTempFile("", "published versions spool"));
      spool_.reset(::fdopen(fd, "w+b"));
      if (spool_ == nullptr) {
        ::close(fd);
        return IoError(std::string("cannot open the published versions spool: ") + std::strerror(errno));
      }
    }
    progress_.PhaseStarted("rows", 0);
    return writer_.Begin(columns_);
  }

  Status Variant(std::string_view line) {
    KBULK_RETURN_IF_ERROR(Prepare());
    KBULK_ASSIGN_OR_RETURN(formats::VariantRecord record, formats::ParseVariantRecord(line));
    KBULK_ASSIGN_OR_RETURN(JsonDocument variant, ParseJson(record.variant));
    if (!variant.IsObject()) return Corrupt("a variant is not a JSON object");
    std::string item_id = RefId(variant, "item"), language_id = RefId(variant, "language");
    std::optional<ItemNames> item = names_.Item(item_id);
    KBULK_RETURN_IF_ERROR(names_.status());
    if (!item || names_.Interned(item->type) != type_id_) return Status::Ok();  // another type's
    if (!language_ids_.empty() && language_ids_.count(language_id) == 0) return Status::Ok();
    bool latest = record.version == formats::VariantVersion::kLatest;
    if (spool_ == nullptr) return latest ? Row(variant, *item, language_id) : Status::Ok();
    // Published mode: spool the text, emit in the order of the latest versions once all are seen.
    KBULK_ASSIGN_OR_RETURN(Spooled spooled, Spool(record.variant));
    std::string key = item_id + "/" + language_id;
    if (!latest) return published_.Put(key, Pack(spooled));
    const content::ModelIndex::StepInfo* step = names_.model().Step(StepId(variant));
    bool is_published = step != nullptr && step->kind == content::ModelIndex::StepKind::kPublished;
    return order_.Put(SequenceKey(order_count_++), Pack(is_published ? spooled : Spooled{}) + key);
  }

  struct Spooled {
    long offset = -1;
    std::size_t size = 0;
  };
  // Published mode keeps the row order and the published versions' places in SpillingIndexes (bounded
  // memory): order_ by sequence number (big-endian, so sorted in archive order) -> Pack() + key.
  static std::string Pack(const Spooled& spooled) {
    std::string out(sizeof spooled.offset + sizeof spooled.size, '\0');
    std::memcpy(out.data(), &spooled.offset, sizeof spooled.offset);
    std::memcpy(out.data() + sizeof spooled.offset, &spooled.size, sizeof spooled.size);
    return out;
  }
  static Spooled Unpack(std::string_view text) {
    Spooled spooled;
    std::memcpy(&spooled.offset, text.data(), sizeof spooled.offset);
    std::memcpy(&spooled.size, text.data() + sizeof spooled.offset, sizeof spooled.size);
    return spooled;
  }
  static constexpr std::size_t kPacked = sizeof(long) + sizeof(std::size_t);
  static std::string SequenceKey(std::uint64_t n) {
    std::string key(8, '\0');
    for (int i = 7; i >= 0; --i, n >>= 8) key[i] = static_cast<char>(n & 0xff);
    return key;
  }

  Result<Spooled> Spool(std::string_view text) {
    if (std::fseek(spool_.get(), 0, SEEK_END) != 0) return IoError("spool file: seek failed");
    Spooled spooled{std::ftell(spool_.get()), text.size()};
    if (std::fwrite(text.data(), 1, text.size(), spool_.get()) != text.size()) {
      return IoError(std::string("spool file: write failed: ") + std::strerror(errno));
    }
    return spooled;
  }

  Status EmitSpooled() {
    std::string text, entry, published;
    for (std::uint64_t n = 0; n < order_count_; ++n) {
      KBULK_ASSIGN_OR_RETURN(bool listed, order_.Get(SequenceKey(n), entry));
      if (!listed || entry.size() < kPacked) return Internal("spooled row order: entry " + std::to_string(n) + " lost");
      Spooled where = Unpack(entry);
      KBULK_ASSIGN_OR_RETURN(bool separate, published_.Get(std::string_view(entry).substr(kPacked), published));
      if (separate) where = Unpack(published);
      if (where.offset < 0) {
        ++skipped_unpublished_;
        continue;
      }
      text.resize(where.size);
      if (std::fseek(spool_.get(), where.offset, SEEK_SET) != 0 ||
          std::fread(text.data(), 1, text.size(), spool_.get()) != text.size()) {
        return IoError("spool file: read failed");
      }
      KBULK_ASSIGN_OR_RETURN(JsonDocument variant, ParseJson(text));
      std::optional<ItemNames> item = names_.Item(RefId(variant, "item"));
      KBULK_RETURN_IF_ERROR(names_.status());
      if (!item) return Internal("spooled variant of an unknown item");
      KBULK_RETURN_IF_ERROR(Row(variant, *item, RefId(variant, "language")));
    }
    return Status::Ok();
  }

  Status Row(const JsonValue& variant, const ItemNames& item, const std::string& language_id) {
    std::unordered_map<std::string, std::string> elements;  // element id -> the element's JSON
    if (const JsonValue* list = Member(variant, "elements"); list != nullptr && list->IsArray()) {
      for (const JsonValue& element : list->GetArray()) {
        const JsonValue* ref = element.IsObject() ? Member(element, "element") : nullptr;
        auto id = ref != nullptr ? StringMember(*ref, "id") : std::nullopt;
        if (id) elements[std::string(*id)] = ToJsonString(element);
      }
    }
    const content::ModelIndex& model = names_.model();
    const content::ModelIndex::StepInfo* step = model.Step(StepId(variant));
    std::string last_modified(StringMember(variant, "last_modified").value_or(""));
    std::string item_id = RefId(variant, "item");
    std::map<std::string, EncodedElement> encoded;  // rich text, for its ".components" column
    row_.clear();
    for (const Column& column : columns_.list) {
      if (column.kind == Column::Kind::kSystem) {
        row_.push_back(SystemCell(column.name, item_id, item, language_id, variant, step, last_modified));
        continue;
      }
      auto done = encoded.find(column.codename);
      if (done == encoded.end()) {
        auto found = elements.find(column.element_id);
        std::string_view text = found != elements.end() ? std::string_view(found->second) : std::string_view();
        auto cell = EncodeElement(column, text, names_);
        if (!cell.ok()) {
          return cell.status().WithContext("item '" + item.codename + "' (" + item_id + "), language " +
                                           names_.LanguageName(language_id));
        }
        done = encoded.emplace(column.codename, std::move(*cell)).first;
      }
      RowCell cell;
      if (column.kind == Column::Kind::kComponents) {
        cell.text = done->second.components;
      } else {
        cell.text = done->second.cell;
        cell.json = done->second.json;
      }
      row_.push_back(std::move(cell));
    }
    KBULK_RETURN_IF_ERROR(names_.status());  // a failed name lookup (the spilled names' temporary file)
    KBULK_RETURN_IF_ERROR(writer_.Row(row_));
    progress_.Advanced("rows", writer_.rows(), 0);
    return Status::Ok();
  }

  RowCell SystemCell(const std::string& name, const std::string& item_id, const ItemNames& item,
                     const std::string& language_id, const JsonValue& variant,
                     const content::ModelIndex::StepInfo* step, const std::string& last_modified) const {
    const content::ModelIndex& model = names_.model();
    if (name == "id") return Text(&item_id);
    if (name == "codename") return Text(&item.codename);
    if (name == "external_id") return Text(item.external_id ? &*item.external_id : nullptr);
    if (name == "name") return Text(&item.name);
    if (name == "language") return Text(model.LanguageCodename(language_id));
    if (name == "collection") return Text(model.CollectionCodename(names_.Interned(item.collection)));
    if (name == "workflow") {
      std::string workflow = WorkflowId(variant);
      return Text(!workflow.empty() ? model.WorkflowCodename(workflow) : step != nullptr ? &step->workflow : nullptr);
    }
    if (name == "workflow_step") return Text(step != nullptr ? &step->codename : nullptr);
    return Text(last_modified.empty() ? nullptr : &last_modified);
  }

  const FeedExportOptions& options_;
  FeedWriter& writer_;
  Progress& progress_;
  ArchiveNames names_;
  std::string type_json_, type_id_;
  std::vector<std::string> snippets_;
  std::map<std::string, std::string> languages_;  // codename -> id
  std::set<std::string> language_ids_;
  bool prepared_ = false;
  Columns columns_;
  std::vector<RowCell> row_;
  struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, FileCloser> spool_;
  SpillingIndex order_{options_.names_memory_budget};  // published mode: latest versions in archive order
  std::uint64_t order_count_ = 0;
  SpillingIndex published_{options_.names_memory_budget};  // published mode: separate published versions
  std::uint64_t skipped_unpublished_ = 0;
};

}  // namespace

Result<FeedExportSummary> ExportFeedFromArchives(const std::vector<std::string>& archives,
                                                 const FeedExportOptions& options, std::FILE* out,
                                                 const std::string& out_name, Progress& progress) {
  FeedWriter writer(out, out_name, options.writer);
  FeedVisitor visitor(options, writer, progress);
  for (const std::string& archive : archives) {
    formats::ArchiveReader reader(formats::ReaderOptions{});
    auto read = reader.Read(archive, visitor);
    if (!read.ok()) return read.status();
  }
  FeedExportSummary summary;
  summary.type = options.type;
  summary.format = options.writer.format == OutputFormat::kCsv    ? "csv"
                   : options.writer.format == OutputFormat::kJson ? "json"
                                                                  : "ndjson";
  KBULK_RETURN_IF_ERROR(visitor.Finish(summary));
  summary.rows = writer.rows();
  summary.bytes = writer.bytes();
  return summary;
}

}  // namespace kbulk::feeds
