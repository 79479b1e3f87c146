// One emulated environment (all its objects) and the store of environments the server serves.
// A new environment starts as the service starts one: a default language, a default collection and a
// default workflow. Not thread-safe: the server serializes every request that touches the store.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "emulator/object_table.h"
#include "emulator/variant_table.h"

namespace kbulk::emulator {

inline constexpr std::string_view kNilId = "00000000-0000-0000-0000-000000000000";

struct StoredBinary {
  std::string file_name;
  std::string content_type;
  std::shared_ptr<const std::string> bytes;
};

// Web Spotlight (routes_web_spotlight.cc): off in a new environment; while on it has a root content type.
struct WebSpotlightState {
  bool enabled = false;
  std::string root_type_id;  // empty while off
};

struct ValidationTask {
  std::string id;
  int polls = 0;                   // progress reports "processing" on the first poll, then "finished"
  std::string issues_json = "[]";  // computed when the task starts
};

// What belongs to the project rather than to one environment, shared by every environment of a store:
// roles (the service's roles are project-wide; a clone activates them by id) and the asset type (managed
// in the UI only, so it is whatever the seed made; `--seed empty` has none).
struct ProjectState {
  ObjectTable roles;
  // The asset type's elements as content-type element definitions ({"id","codename","type":"taxonomy",
  // "taxonomy_group":{"id"}}): a JSON array.
  std::string asset_type_elements_json = "[]";
};

class Environment {
 public:
  Environment(std::string id, std::string name, std::uint64_t rng_seed);
  // A copy with a new id and name; content (items, variants, assets, binaries) only when asked.
  std::unique_ptr<Environment> Clone(std::string new_id, std::string new_name, bool with_content) const;

  // Adds the default language, collection and workflow and the empty folder tree / preview config.
  void AddDefaults();

  std::string id;
  std::string name;
  bool is_production = false;
  std::string cloning_state = "done";
  int cloning_polls_left = 0;  // while > 0 the cloning state reads "in_progress"

  ObjectTable languages, collections, spaces, taxonomies, snippets, types, workflows, webhooks, legacy_webhooks, assets,
      renditions, items;
  // Project-wide state; a store shares one among its environments (a standalone environment has its own).
  std::shared_ptr<ProjectState> project = std::make_shared<ProjectState>();
  ObjectTable& roles() { return project->roles; }
  const ObjectTable& roles() const { return project->roles; }
  VariantTable variants;
  std::string folders_json;                // the whole GET /folders body
  std::string preview_configuration_json;  // the whole GET /preview-configuration body
  std::string collections_last_modified;
  WebSpotlightState web_spotlight;
  // Turns Web Spotlight on with `root_type_id` (a content type's id), or off when it is empty.
  void SetWebSpotlight(std::string root_type_id) {
    web_spotlight.enabled = !root_type_id.empty();
    web_spotlight.root_type_id = std::move(root_type_id);
  }
  std::unordered_map<std::string, StoredBinary> binaries;  // by file reference id
  std::unordered_map<std::string, ValidationTask> validation_tasks;

  // External ids referenced before their object exists: external id -> the id the object will get.
  std::unordered_map<std::string, std::string> reserved_item_ids, reserved_asset_ids, reserved_term_ids;
  std::unordered_set<std::string> reserved_ids;  // every id still reserved, of any kind

  std::mt19937_64 rng;
  std::string NewId();
  // The id an object created with `external_id` gets: the reserved one if it was referenced before.
  std::string IdForNewObject(std::unordered_map<std::string, std::string>& reserved, std::string_view external_id);
  // The id a reference by external id resolves to when the object does not exist yet.
  std::string ReserveId(std::unordered_map<std::string, std::string>& reserved, std::string_view external_id);
};

// ISO-8601 UTC with seven fractional digits, as the service writes last_modified.
std::string NowTimestamp();

class Store {
 public:
  explicit Store(std::uint64_t rng_seed = 1);

  Environment* Find(std::string_view id);
  const Environment* Find(std::string_view id) const;
  // Creates an environment with defaults. Ids are deterministic from the store seed.
  Environment& Create(std::string name, bool is_production);
  Environment& Adopt(std::unique_ptr<Environment> environment);
  bool Erase(std::string_view id);
  std::vector<const Environment*> All() const;
  std::string NewEnvironmentId();

 private:
  std::vector<std::unique_ptr<Environment>> environments_;
  std::shared_ptr<ProjectState> project_ = std::make_shared<ProjectState>();
  std::mt19937_64 rng_;
};

}  // namespace kbulk::emulator
