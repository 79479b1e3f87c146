// The model importer's state, shared by its .cc files (model_import.cc drives; model_plan_*.cc decide what
// to write per kind). Private to importer/model_*.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/management_client.h"
#include "content/import_naming.h"
#include "core/entity_kind.h"
#include "core/json.h"
#include "core/log.h"
#include "importer/import_report.h"
#include "importer/model_import.h"
#include "importer/model_json.h"

namespace kbulk::importer {

// One write the plan decided on; its request is built when it is sent (bodies that name items or assets
// need the import's naming, known only then).
struct ModelWrite {
  std::string kind;      // failure kind: "language", "content_type", ...
  std::string codename;  // the object it writes
  std::function<api::Request()> request;
  bool essential = false;        // content cannot do without it: its failure is returned
  bool refusal_is_note = false;  // a 404/405/410 means the target does not offer it: a note
  // For creates (POST, not retried after an ambiguous failure): a GET that finds the object when the
  // create took effect after all. Absent: an ambiguous failure is a failure.
  std::function<api::Request()> probe;
  // Whether the probe's answer shows the write (absent: any 2xx answer does).
  std::function<bool(const std::string& body)> took_effect;
};

// The archive's records of one kind, parsed, in archive order.
using Records = std::vector<std::unique_ptr<JsonDocument>>;

struct ModelImportState {
  ModelImportState(api::ManagementClient& c, ModelImportOptions o, Logger& l, ImportReport& r)
      : client(c), options(o), log(l), report(r) {}

  api::ManagementClient& client;
  ModelImportOptions options;
  Logger& log;
  ImportReport& report;
  const content::ImportNaming* naming = nullptr;

  std::map<EntityKind, Records> source;  // archive records by kind
  std::map<EntityKind, Records> target;  // target objects by kind (after Plan's reads)
  ModelNames source_names, target_names;
  std::map<std::string, std::string> role_ids;     // archive role id -> target role id
  std::map<std::string, std::string> role_labels;  // archive role id -> its name (for notes)
  bool target_empty = false;                       // no types, no snippets, one language: defaults are adopted
  bool spotlight_available = true;
  bool legacy_webhooks_available = true;
  std::uint64_t reads = 0;
  bool conflicts = false;
  bool planned = false;

  std::vector<ModelWrite> before, after;
  std::vector<ModelWrite> links;  // types and snippets created without references to types created later
  // Codenames of objects the target will hold by the time a write runs, per kind name ("content_types").
  std::map<std::string, std::set<std::string>> available;

  // Reports a plan entry; a conflict marks the plan.
  void Plan(std::string_view kind, std::string_view object, PlanAction action, std::string detail = "");
  // May an existing object be changed: --update-model, or an adopted default object of an empty target.
  bool MayUpdate(bool default_object = false) const { return options.update_model || (default_object && target_empty); }

  // The target's record of `kind` with `codename`, or nullptr.
  const JsonDocument* TargetByCodename(EntityKind kind, std::string_view codename) const;
  // Rewrites a reference to an item or asset ({"id": X}) by external id (the import's naming).
  void ItemToExternalId(JsonValue& reference, JsonAllocator& allocator) const;
  void AssetToExternalId(JsonValue& reference, JsonAllocator& allocator) const;
};

// Per-kind planners (model_plan_*.cc): each compares the archive's records with the target's and appends
// writes to state.before / state.after.
void PlanLanguages(ModelImportState& state);
void PlanCollections(ModelImportState& state);
void PlanSpaces(ModelImportState& state);
void PlanTaxonomies(ModelImportState& state);
void PlanFolders(ModelImportState& state);
void PlanTypes(ModelImportState& state, bool snippets);
void PlanWorkflows(ModelImportState& state);
void PlanPreview(ModelImportState& state);
void PlanWebhooks(ModelImportState& state, bool legacy);
void PlanWebSpotlight(ModelImportState& state);

// A request with a JSON body (no typed endpoint for it in api/endpoints).
api::Request RawRequest(api::Method method, std::string path, std::string object, std::string body = "");

}  // namespace kbulk::importer
