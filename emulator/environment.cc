// Environments and the store. The defaults mirror a freshly created environment of the service.
#include "emulator/environment.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "core/json.h"
#include "core/uuid.h"

namespace kbulk::emulator {

// The service uses these fixed ids for the special steps of every workflow.
constexpr std::string_view kPublishedStepId = "c199950d-99f0-4983-b711-6c4c91624b22";
constexpr std::string_view kScheduledStepId = "9d2b0228-4d0d-4c23-8b49-01a698857709";
constexpr std::string_view kArchivedStepId = "7a535a69-ad34-47f8-806a-def1fdf4d391";

std::string NowTimestamp() {
  auto now = std::chrono::system_clock::now();
  auto secs = std::chrono::time_point_cast<std::chrono::seconds>(now);
  auto ticks = std::chrono::duration_cast<std::chrono::nanoseconds>(now - secs).count() / 100;
  std::time_t t = std::chrono::system_clock::to_time_t(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%07lldZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<long long>(ticks));
  return buf;
}

Environment::Environment(std::string id_in, std::string name_in, std::uint64_t rng_seed)
    : id(std::move(id_in)), name(std::move(name_in)), rng(rng_seed) {
  folders_json = R"({"folders":[],"last_modified":null})";
  preview_configuration_json = R"({"space_domains":[],"preview_url_patterns":[]})";
  collections_last_modified = NowTimestamp();
}

std::string Environment::NewId() {
  return Uuid::Random(rng).ToString();
}

std::string Environment::IdForNewObject(std::unordered_map<std::string, std::string>& reserved,
                                        std::string_view external_id) {
  if (!external_id.empty()) {
    auto it = reserved.find(std::string(external_id));
    if (it != reserved.end()) {
      std::string id = it->second;
      reserved.erase(it);
      reserved_ids.erase(id);
      return id;
    }
  }
  return NewId();
}

std::string Environment::ReserveId(std::unordered_map<std::string, std::string>& reserved,
                                   std::string_view external_id) {
  auto [it, inserted] = reserved.try_emplace(std::string(external_id));
  if (inserted) {
    it->second = NewId();
    reserved_ids.insert(it->second);
  }
  return it->second;
}

void Environment::AddDefaults() {
  languages.Put({std::string(kNilId), "default", "",
                 R"({"id":"00000000-0000-0000-0000-000000000000","name":"Default project language",)"
                 R"("codename":"default","is_active":true,"is_default":true,)"
                 R"("fallback_language":{"id":"00000000-0000-0000-0000-000000000000"}})"});
  collections.Put({std::string(kNilId), "default", "",
                   R"({"id":"00000000-0000-0000-0000-000000000000","name":"Default","codename":"default"})"});
  std::string draft = NewId();
  JsonWriter w;
  w.StartObject();
  w.Key("id").String(kNilId).Key("name").String("Default").Key("codename").String("default");
  w.Key("scopes").StartArray().EndArray();
  w.Key("steps").StartArray().StartObject();
  w.Key("id").String(draft).Key("name").String("Draft").Key("codename").String("draft");
  w.Key("color").String("sky-blue").Key("transitions_to").StartArray();
  w.StartObject().Key("step").StartObject().Key("id").String(kPublishedStepId).EndObject().EndObject();
  w.StartObject().Key("step").StartObject().Key("id").String(kArchivedStepId).EndObject().EndObject();
  w.EndArray().Key("role_ids").StartArray().EndArray().EndObject().EndArray();
  w.Key("published_step").StartObject().Key("id").String(kPublishedStepId).Key("name").String("Published");
  w.Key("codename").String("published").Key("unpublish_role_ids").StartArray().EndArray();
  w.Key("create_new_version_role_ids").StartArray().EndArray().EndObject();
  w.Key("scheduled_step").StartObject().Key("id").String(kScheduledStepId).Key("name").String("Scheduled");
  w.Key("codename").String("scheduled").EndObject();
  w.Key("archived_step").StartObject().Key("id").String(kArchivedStepId).Key("name").String("Archived");
  w.Key("codename").String("archived").Key("role_ids").StartArray().EndArray().EndObject();
  w.EndObject();
  workflows.Put({std::string(kNilId), "default", "", w.str()});
}

std::unique_ptr<Environment> Environment::Clone(std::string new_id, std::string new_name, bool with_content) const {
  auto copy = std::make_unique<Environment>(*this);
  copy->id = std::move(new_id);
  copy->name = std::move(new_name);
  copy->is_production = false;
  copy->validation_tasks.clear();
  if (!with_content) {
    copy->items = ObjectTable();
    copy->variants = VariantTable();
    copy->assets = ObjectTable();
    copy->renditions = ObjectTable();
    copy->binaries.clear();
    copy->folders_json = folders_json;
    for (const auto* reserved : {&reserved_item_ids, &reserved_asset_ids})
      for (const auto& [external_id, id] : *reserved) copy->reserved_ids.erase(id);
    copy->reserved_item_ids.clear();
    copy->reserved_asset_ids.clear();
  }
  return copy;
}

Store::Store(std::uint64_t rng_seed) : rng_(rng_seed) {}

std::string Store::NewEnvironmentId() {
  return Uuid::Random(rng_).ToString();
}

Environment* Store::Find(std::string_view id) {
  for (auto& e : environments_)
    if (e->id == id) return e.get();
  return nullptr;
}

const Environment* Store::Find(std::string_view id) const {
  for (const auto& e : environments_)
    if (e->id == id) return e.get();
  return nullptr;
}

Environment& Store::Create(std::string name, bool is_production) {
  auto env = std::make_unique<Environment>(NewEnvironmentId(), std::move(name), rng_());
  env->is_production = is_production;
  env->AddDefaults();
  return Adopt(std::move(env));
}

Environment& Store::Adopt(std::unique_ptr<Environment> environment) {
  environment->project = project_;  // roles and the asset type are the project's
  environments_.push_back(std::move(environment));
  return *environments_.back();
}

bool Store::Erase(std::string_view id) {
  for (auto it = environments_.begin(); it != environments_.end(); ++it) {
    if ((*it)->id == id) {
      environments_.erase(it);
      return true;
    }
  }
  return false;
}

std::vector<const Environment*> Store::All() const {
  std::vector<const Environment*> all;
  for (const auto& e : environments_) all.push_back(e.get());
  return all;
}

}  // namespace kbulk::emulator
