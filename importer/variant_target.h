// What the import's target already holds of language variants, read once through list routes (variants
// by type, 100 a request), kept as a compact fingerprint per (item external id, language codename): a
// hash of the latest version's elements in codename / external-id space (so it compares with an archived
// variant rewritten for import) and a hash of its workflow state (workflow, step, pending schedules, due
// date). Also the target's workflows (transitions), which the restorer plans against.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "api/management_client.h"
#include "content/model_index.h"
#include "core/json.h"
#include "core/status.h"
#include "importer/workflow_plan.h"

namespace kbulk::importer {

std::uint64_t VariantHash(std::string_view text);  // FNV-1a 64

// The elements of a variant, rewritten to codenames and external ids, as one hash that ignores what the
// service adds or reorders on read: object member order, element order, components' order, empty
// elements (null, "", [], "<p><br></p>"), asset renditions (ids differ per environment). 0 = unreadable.
std::uint64_t CanonicalElementsHash(std::string_view rewritten_elements_json);

// Workflow state: times compared as instants (0 = none).
struct WorkflowFacts {
  std::string workflow, step;
  std::int64_t publish_time = 0, unpublish_time = 0, due_date = 0;
  std::string publish_zone, unpublish_zone;  // display time zones of the pending schedules
};
std::uint64_t StateHash(const WorkflowFacts& facts);

std::uint64_t VariantKey(std::string_view item_external_id, std::string_view language_codename);

struct VariantFingerprint {
  std::uint64_t elements = 0;
  std::uint64_t state = 0;
  VariantPhase phase = VariantPhase::kNone;
};

class TargetVariants {
 public:
  TargetVariants();
  ~TargetVariants();

  // Workflows only (one request): enough to plan a dry run against an empty target.
  Status LoadWorkflows(api::ManagementClient& client);
  // The target's model, items, assets and latest variants (list routes).
  Status LoadVariants(api::ManagementClient& client);

  const WorkflowGraph* Workflow(std::string_view codename) const;
  const VariantFingerprint* Find(std::uint64_t key) const;
  std::size_t variant_count() const { return variants_.size(); }

  // A target variant as the API returns it (GET latest or published), named through the target's model.
  VariantFingerprint FingerprintOf(const JsonValue& variant) const;
  WorkflowFacts FactsOf(const JsonValue& variant) const;

 private:
  std::string ItemExternalId(std::string_view id, bool& known) const;

  std::vector<WorkflowGraph> workflows_;
  std::unique_ptr<content::ModelIndex> model_;                   // the target's model (ids -> codenames)
  std::unordered_map<std::string, std::string> items_, assets_;  // target id -> external id
  std::unordered_map<std::uint64_t, VariantFingerprint> variants_;
};

// The phase of a variant's latest version from its step's kind.
VariantPhase PhaseOfStep(const content::ModelIndex::StepInfo* step);

// Workflow facts of an API variant object, named through `model` (ids -> codenames).
WorkflowFacts FactsOf(const JsonValue& variant, const content::ModelIndex& model);

}  // namespace kbulk::importer
