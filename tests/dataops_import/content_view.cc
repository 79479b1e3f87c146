#include "tests/dataops_import/content_view.h"

#include <stdexcept>
#include <unordered_map>

#include "core/json.h"
#include "formats/archive_reader.h"
#include "formats/dataops_reader.h"
#include "formats/record_envelope.h"

namespace kbulk::testing {
namespace {

std::string Str(const JsonValue& v, std::string_view key) {
  return std::string(StringMember(v, key).value_or(""));
}

std::string RefId(const JsonValue& v, std::string_view key) {
  const JsonValue* ref = Member(v, key);
  return ref ? Str(*ref, "id") : "";
}

class ViewBuilder final : public formats::ArchiveVisitor {
 public:
  explicit ViewBuilder(ContentView& view) : view_(view) {}

  Status OnRecord(const formats::EntryInfo& info, std::uint64_t, std::string_view json) override {
    if (!info.entity) return Status::Ok();
    std::string text(json);
    std::optional<std::string> blob;
    if (*info.entity == EntityKind::kVariant) {
      auto record = formats::ParseVariantRecord(json);
      if (!record.ok()) return record.status();
      if (record->version != formats::VariantVersion::kLatest) return Status::Ok();
      text = std::string(record->variant);
    } else if (*info.entity == EntityKind::kAsset) {
      auto record = formats::ParseAssetRecord(json);
      if (!record.ok()) return record.status();
      blob = record->blob_sha256;
      text = std::string(record->asset);
    }
    auto doc = ParseJson(text);
    if (!doc.ok()) return doc.status();
    const JsonValue& v = *doc;
    std::string kind(EntityKindName(*info.entity));
    switch (*info.entity) {
      case EntityKind::kLanguage: {
        bool is_default = BoolMember(v, "is_default").value_or(false);
        std::string name = is_default ? "<default>" : Str(v, "codename");
        languages_[Str(v, "id")] = name;
        view_.model[kind].insert(name);
        break;
      }
      case EntityKind::kTaxonomyGroup:
        view_.model[kind].insert(Str(v, "codename"));
        AddTerms(v);
        break;
      case EntityKind::kWorkflow:
        view_.model[kind].insert(Str(v, "codename"));
        for (const char* list : {"steps"}) {
          if (const JsonValue* steps = Member(v, list); steps && steps->IsArray()) {
            for (const auto& s : steps->GetArray()) AddStep(v, s);
          }
        }
        for (const char* single : {"published_step", "archived_step", "scheduled_step"}) {
          if (const JsonValue* s = Member(v, single); s && s->IsObject()) AddStep(v, *s);
        }
        break;
      case EntityKind::kContentType:
        types_[Str(v, "id")] = Str(v, "codename");
        view_.model[kind].insert(Str(v, "codename"));
        break;
      case EntityKind::kCollection:
      case EntityKind::kSpace:
      case EntityKind::kSnippet: view_.model[kind].insert(Str(v, "codename")); break;
      case EntityKind::kItem:
        items_[Str(v, "id")] = Str(v, "codename");
        view_.items[Str(v, "codename")] = types_[RefId(v, "type")];
        break;
      case EntityKind::kVariant: {
        std::string step = RefId(v, "workflow_step");
        view_.variants[items_[RefId(v, "item")] + "/" + languages_[RefId(v, "language")]] = steps_[step];
        break;
      }
      case EntityKind::kAsset: view_.assets[Str(v, "codename")] = blob.value_or("(none)"); break;
      default: break;
    }
    return Status::Ok();
  }

 private:
  void AddTerms(const JsonValue& parent) {
    const JsonValue* terms = Member(parent, "terms");
    if (!terms || !terms->IsArray()) return;
    for (const auto& t : terms->GetArray()) {
      view_.model["terms"].insert(Str(t, "codename"));
      AddTerms(t);
    }
  }
  void AddStep(const JsonValue& workflow, const JsonValue& step) {
    std::string name = Str(workflow, "codename") + "/" + Str(step, "codename");
    steps_[Str(step, "id")] = name;
    view_.model["steps"].insert(name);
  }

  ContentView& view_;
  std::unordered_map<std::string, std::string> languages_, types_, items_, steps_;
};

}  // namespace

ContentView ReadContentView(const std::string& path) {
  ContentView view;
  ViewBuilder builder(view);
  auto read = formats::IsDataOpsBackup(path) ? formats::DataOpsReader({}).Read(path, builder)
                                             : formats::ArchiveReader({}).Read(path, builder);
  if (!read.ok()) throw std::runtime_error(path + ": " + read.status().ToString());
  return view;
}

}  // namespace kbulk::testing
