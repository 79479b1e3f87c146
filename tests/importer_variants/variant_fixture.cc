// VariantFixture: the sample seed exported, a model-only clone as the target, items upserted there.
#include "variant_fixture.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <set>

#include "api/endpoints.h"
#include "core/json.h"
#include "formats/archive_layout.h"
#include "formats/record_envelope.h"
#include "importer/workflow_plan.h"

namespace kbulk::testing {
namespace ep = api::endpoints;
namespace {

std::string RefId(const JsonValue& object, std::string_view key) {
  const JsonValue* reference = Member(object, key);
  return reference != nullptr && reference->IsObject() ? std::string(StringMember(*reference, "id").value_or(""))
                                                       : std::string();
}

std::int64_t Seconds(const JsonValue* object, std::string_view key) {
  if (object == nullptr || !object->IsObject()) return 0;
  auto text = StringMember(*object, key);
  return text ? importer::ParseIsoSeconds(*text).value_or(0) : 0;
}

std::string Zone(const JsonValue* object, std::string_view key) {
  if (object == nullptr || !object->IsObject()) return {};
  return std::string(StringMember(*object, key).value_or(""));
}

// The state of an API variant object, named through `model` (the environment's own).
VariantState StateOf(const JsonValue& variant, const content::ModelIndex& model) {
  VariantState state;
  const JsonValue* workflow = Member(variant, "workflow");
  std::string step_id = workflow ? RefId(*workflow, "step_identifier") : RefId(variant, "workflow_step");
  std::string workflow_id = workflow ? RefId(*workflow, "workflow_identifier") : "";
  const content::ModelIndex::StepInfo* step = model.Step(step_id);
  const std::string* workflow_codename = model.WorkflowCodename(workflow_id);
  state.workflow = workflow_codename ? *workflow_codename : step ? step->workflow : "?";
  state.step = step ? step->codename : "?" + step_id;
  const JsonValue* schedule = Member(variant, "schedule");
  bool scheduled = step && step->kind == content::ModelIndex::StepKind::kScheduled;
  bool published = step && step->kind == content::ModelIndex::StepKind::kPublished;
  if (scheduled) {
    state.publish_time = Seconds(schedule, "publish_time");
    state.publish_zone = Zone(schedule, "publish_display_timezone");
  }
  if (scheduled || published) {
    state.unpublish_time = Seconds(schedule, "unpublish_time");
    if (state.unpublish_time != 0) state.unpublish_zone = Zone(schedule, "unpublish_display_timezone");
  }
  state.due_date = Seconds(Member(variant, "due_date"), "value");
  if (const JsonValue* elements = Member(variant, "elements"); elements && elements->IsArray()) {
    for (const JsonValue& element : elements->GetArray()) {
      const content::ModelIndex::ElementInfo* info = model.Element(RefId(element, "element"));
      if (info == nullptr || (info->codename != "title" && info->codename != "name" && info->codename != "text")) {
        continue;
      }
      if (auto value = StringMember(element, "value")) state.title = std::string(*value);
    }
  }
  return state;
}

std::string Body(const std::vector<std::pair<std::string, std::string>>& members) {
  std::string out = "{";
  for (const auto& [key, value] : members) out += (out.size() > 1 ? "," : "") + ("\"" + key + "\":") + value;
  return out + "}";
}

std::string Quote(std::string_view text) {
  JsonDocument document;
  return ToJsonString(MakeString(text, document.GetAllocator()));
}

}  // namespace

std::string Describe(const VariantState& s) {
  return s.workflow + "/" + s.step + " publish " + std::to_string(s.publish_time) + " " + s.publish_zone +
         " unpublish " + std::to_string(s.unpublish_time) + " " + s.unpublish_zone + " due " +
         std::to_string(s.due_date) + " title '" + s.title + "'";
}

VariantFixture::VariantFixture(const std::vector<std::string>& emulator_faults) {
  std::vector<std::string> args = {"--seed", "sample", "--environments", "2", "--rate-limit", "off"};
  args.insert(args.end(), emulator_faults.begin(), emulator_faults.end());
  emu_ = std::make_unique<Emulator>(args);
  std::string path = dir_ / "sample.tar.zst";
  std::vector<std::string> export_args = {"export", "-o", path, "--rate-limit", "off"};
  for (const auto& a : emu_->ConnectionArgs(0)) export_args.push_back(a);
  auto run = RunKbulk(export_args, emu_->ConnectionEnv());
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  archive_ = ReadArchive(path);
  for (EntityKind kind : kAllEntityKinds) {
    auto records = archive_.records.find(formats::ModelEntryPath(kind));
    if (records == archive_.records.end()) continue;
    for (const std::string& record : records->second) REQUIRE(model_.Add(kind, record).ok());
  }
  for (const std::string& record : archive_.records[std::string(formats::kAssetsPath)]) {
    auto envelope = ParseJson(record);
    REQUIRE(envelope.ok());
    const JsonValue& asset = *Member(*envelope, "asset");
    std::string id(*StringMember(asset, "id"));
    auto external_id = StringMember(asset, "external_id");
    assets_[id] = external_id ? std::string(*external_id) : content::SourceExternalId(id);
  }
  naming_.item_external_id = [this](std::string_view id, bool& in_archive) {
    auto it = items_.find(std::string(id));
    in_archive = it != items_.end();
    return in_archive ? it->second : content::SourceExternalId(id);
  };
  naming_.asset_external_id = [this](std::string_view id, bool& in_archive) {
    auto it = assets_.find(std::string(id));
    in_archive = it != assets_.end();
    return in_archive ? it->second : content::SourceExternalId(id);
  };

  // The target: the seeded environment's model without content.
  auto source_client = Client(source());
  std::string clone = R"({"name":"Variants target","roles_to_activate":[],)"
                      R"("copy_data_options":{"content_items_assets":false,"content_item_version_history":false}})";
  Result<api::Response> cloned = Internal("not sent");
  for (int attempt = 0; attempt < 5 && !cloned.ok(); ++attempt)
    cloned = source_client->Send(ep::CloneEnvironment(clone));
  INFO(cloned.status().ToString());
  REQUIRE(cloned.ok());
  auto clone_json = ParseJson(cloned->body);
  REQUIRE(clone_json.ok());
  target_ = std::string(*StringMember(*clone_json, "id"));

  // Assets (binary, then the asset by external id, then its renditions) and items by external id, as
  // the import driver writes them before variants.
  auto target_client = Client(target_);
  for (const std::string& record : archive_.records[std::string(formats::kAssetsPath)]) {
    auto envelope = ParseJson(record);
    REQUIRE(envelope.ok());
    const JsonValue& asset = *Member(*envelope, "asset");
    const JsonValue& kbulk_fields = *Member(*envelope, "kbulk");
    std::string external_id = assets_[std::string(*StringMember(asset, "id"))];
    const std::string& bytes = archive_.blobs.at(std::string(*StringMember(kbulk_fields, "blob")));
    std::size_t offset = 0;
    auto uploaded = target_client->UploadFile(
        *StringMember(asset, "file_name"), *StringMember(asset, "type"), bytes.size(),
        [&](void* buffer, std::size_t capacity) -> Result<std::size_t> {
          std::size_t n = std::min(capacity, bytes.size() - offset);
          std::memcpy(buffer, bytes.data() + offset, n);
          offset += n;
          return n;
        },
        [&] {
          offset = 0;
          return Status::Ok();
        });
    INFO(uploaded.status().ToString());
    REQUIRE(uploaded.ok());
    std::string body =
        Body({{"file_reference", *uploaded}, {"title", Quote(StringMember(asset, "title").value_or(""))}});
    auto upserted = target_client->Send(ep::UpsertAsset(Reference::ByExternalId(external_id), body));
    INFO(upserted.status().ToString());
    REQUIRE(upserted.ok());
    const JsonValue* renditions = Member(kbulk_fields, "renditions");
    if (renditions == nullptr || !renditions->IsArray()) continue;
    for (const JsonValue& rendition : renditions->GetArray()) {
      std::string id(StringMember(rendition, "rendition_id").value_or(StringMember(rendition, "id").value_or("")));
      // The rewriter names renditions SourceExternalId(id) when the naming has no rendition_external_id.
      std::string rendition_body = Body({{"external_id", Quote(content::SourceExternalId(id))},
                                         {"transformation", ToJsonString(*Member(rendition, "transformation"))}});
      // A POST is not retried by the client; under injected faults the fixture looks whether the rendition
      // exists after a failure (a reset request ran) and sends it again only when it does not.
      std::string rendition_external_id = content::SourceExternalId(id);
      auto exists = [&] {
        bool found = false;
        auto list = ep::ListRenditions(Reference::ByExternalId(external_id));
        Status listed = target_client->ListAll(list.request, list.array_key, [&](std::string_view json) {
          found = found || json.find("\"" + rendition_external_id + "\"") != std::string_view::npos;
          return Status::Ok();
        });
        return listed.ok() && found;
      };
      bool added = false;
      for (int attempt = 0; attempt < 8 && !added; ++attempt) {
        added = target_client->Send(ep::AddRendition(Reference::ByExternalId(external_id), rendition_body)).ok() ||
                exists();
      }
      REQUIRE(added);
    }
  }
  for (const std::string& record : archive_.records[std::string(formats::kItemsPath)]) {
    auto item = ParseJson(record);
    REQUIRE(item.ok());
    std::string id(*StringMember(*item, "id"));
    auto external_id = StringMember(*item, "external_id");
    items_[id] = external_id ? std::string(*external_id) : content::SourceExternalId(id);
    const std::string* type = model_.TypeCodename(RefId(*item, "type"));
    const std::string* collection = model_.CollectionCodename(RefId(*item, "collection"));
    REQUIRE(type != nullptr);
    std::vector<std::pair<std::string, std::string>> body = {{"name", Quote(*StringMember(*item, "name"))},
                                                             {"codename", Quote(*StringMember(*item, "codename"))},
                                                             {"type", Body({{"codename", Quote(*type)}})}};
    if (collection != nullptr) body.push_back({"collection", Body({{"codename", Quote(*collection)}})});
    auto upserted = target_client->Send(ep::UpsertItem(Reference::ByExternalId(items_[id]), Body(body)));
    INFO(upserted.status().ToString());
    REQUIRE(upserted.ok());
  }
  REQUIRE(!items_.empty());
}

std::unique_ptr<api::ManagementClient> VariantFixture::Client(const std::string& environment) const {
  api::ClientOptions options;
  options.base_url = emu_->base_url();
  options.environment_id = environment;
  options.api_key = emu_->api_key();
  options.pacing.enabled = false;
  options.retry.base_delay = std::chrono::milliseconds(10);
  options.retry.max_delay = std::chrono::milliseconds(100);
  auto client = api::ManagementClient::Create(options);
  REQUIRE(client.ok());
  return std::move(*client);
}

const std::vector<std::string>& VariantFixture::variant_records() const {
  static const std::vector<std::string> kNone;
  auto it = archive_.records.find(std::string(formats::kVariantsPath));
  return it == archive_.records.end() ? kNone : it->second;
}

std::string VariantFixture::ExternalIdOfItem(const std::string& source_id) const {
  auto it = items_.find(source_id);
  return it == items_.end() ? "" : it->second;
}

void VariantFixture::Import(const std::vector<std::string>& records, importer::ImportReport& report, bool dry_run,
                            std::uint32_t write_concurrency, const std::string& environment) {
  auto client = Client(environment.empty() ? target_ : environment);
  importer::VariantImporter variants(*client, model_, naming_, {dry_run, write_concurrency}, NullLogger::Instance(),
                                     NullProgress::Instance(), report);
  Status loaded = variants.LoadTarget();
  INFO(loaded.ToString());
  REQUIRE(loaded.ok());
  for (const std::string& record : records) {
    Status added = variants.Add(record);
    INFO(added.ToString());
    REQUIRE(added.ok());
  }
  Status finished = variants.Finish();
  INFO(finished.ToString());
  REQUIRE(finished.ok());
}

void VariantFixture::ImportBatches(const std::vector<std::vector<std::string>>& batches,
                                   importer::ImportReport& report) {
  auto client = Client(target_);
  importer::VariantImporter variants(*client, model_, naming_, {false, 2}, NullLogger::Instance(),
                                     NullProgress::Instance(), report);
  REQUIRE(variants.LoadTarget().ok());
  for (const auto& batch : batches) {
    for (const std::string& record : batch) REQUIRE(variants.Add(record).ok());
    REQUIRE(variants.Finish().ok());
  }
}

std::map<std::string, VariantState> VariantFixture::ArchivedStates() const {
  std::map<std::string, VariantState> out;
  for (const std::string& line : variant_records()) {
    auto record = formats::ParseVariantRecord(line);
    REQUIRE(record.ok());
    auto variant = ParseJson(record->variant);
    REQUIRE(variant.ok());
    const std::string* language = model_.LanguageCodename(RefId(*variant, "language"));
    REQUIRE(language != nullptr);
    std::string key = ExternalIdOfItem(RefId(*variant, "item")) + "/" + *language;
    VariantState state = StateOf(*variant, model_);
    if (record->version == formats::VariantVersion::kPublished) {
      out[key + "/published"] = VariantState{"", "", 0, 0, 0, "", "", state.title};
    } else {
      out[key] = state;
    }
  }
  return out;
}

std::map<std::string, VariantState> VariantFixture::States(const std::string& environment, bool with_published) const {
  auto client = Client(environment);
  content::ModelIndex model;
  auto add_all = [&](const ep::ListRequest& list, EntityKind kind) {
    Status listed =
        client->ListAll(list.request, list.array_key, [&](std::string_view json) { return model.Add(kind, json); });
    REQUIRE(listed.ok());
  };
  add_all(ep::ListLanguages(), EntityKind::kLanguage);
  add_all(ep::ListTypes(), EntityKind::kContentType);
  add_all(ep::ListSnippets(), EntityKind::kSnippet);
  add_all(ep::ListWorkflows(), EntityKind::kWorkflow);
  std::map<std::string, std::string> external;  // item id -> external id (the target's, or the naming's)
  std::set<std::string> types;
  auto items = ep::ListItems();
  REQUIRE(client
              ->ListAll(items.request, items.array_key,
                        [&](std::string_view json) {
                          auto item = ParseJson(json);
                          if (!item.ok()) return item.status();
                          std::string id(*StringMember(*item, "id"));
                          auto external_id = StringMember(*item, "external_id");
                          external[id] =
                              environment == target_ ? std::string(external_id.value_or("")) : ExternalIdOfItem(id);
                          types.insert(RefId(*item, "type"));
                          return Status::Ok();
                        })
              .ok());
  std::map<std::string, VariantState> out;
  for (const std::string& type : types) {
    auto list = ep::ListVariantsByType(Reference::ById(type));
    REQUIRE(client
                ->ListAll(list.request, list.array_key,
                          [&](std::string_view json) {
                            auto variant = ParseJson(json);
                            if (!variant.ok()) return variant.status();
                            std::string item_id = RefId(*variant, "item"), language_id = RefId(*variant, "language");
                            const std::string* language = model.LanguageCodename(language_id);
                            std::string key = external[item_id] + "/" + (language ? *language : "?");
                            VariantState state = StateOf(*variant, model);
                            out[key] = state;
                            const JsonValue* workflow = Member(*variant, "workflow");
                            const content::ModelIndex::StepInfo* step = model.Step(
                                workflow ? RefId(*workflow, "step_identifier") : RefId(*variant, "workflow_step"));
                            bool draft_or_scheduled = step == nullptr ||
                                                      step->kind == content::ModelIndex::StepKind::kCustom ||
                                                      step->kind == content::ModelIndex::StepKind::kScheduled;
                            if (!with_published || !draft_or_scheduled) return Status::Ok();
                            auto published = client->Send(
                                ep::GetPublishedVariant(Reference::ById(item_id), Reference::ById(language_id)));
                            if (published.ok()) {
                              auto json_published = ParseJson(published->body);
                              if (json_published.ok()) {
                                out[key + "/published"] =
                                    VariantState{"", "", 0, 0, 0, "", "", StateOf(*json_published, model).title};
                              }
                            } else if (published.status().code() != StatusCode::kNotFound) {
                              return published.status();
                            }
                            return Status::Ok();
                          })
                .ok());
  }
  return out;
}

std::uint64_t VariantFixture::Writes() const {
  auto stats = ParseJson(StatsJson());
  REQUIRE(stats.ok());
  return static_cast<std::uint64_t>(IntMember(*stats, "writes").value_or(-1));
}

}  // namespace kbulk::testing
