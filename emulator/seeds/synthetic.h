// The `synthetic` seed: a small fixed model and N items x L languages of generated content, A assets with
// incompressible binaries, all derived from the seed. Built with plain JSON writers (no DOM) so 100,000
// variants seed in well under a second of generation time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "emulator/seed.h"
#include "emulator/seeds/synthetic_spec.h"

namespace kbulk::emulator::synthetic {

// A fast deterministic UUID (version 4 layout) for object `index` of `kind` under `seed`.
std::string IdOf(std::uint64_t seed, std::string_view kind, std::uint64_t index);

// splitmix64: the generator behind ids, text and binaries.
inline std::uint64_t Mix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Ids of the fixed model, computed once per run.
struct ModelIds {
  explicit ModelIds(const SyntheticSpec& spec);
  std::vector<std::string> languages;  // [0] is the default language (nil id)
  std::string taxonomy, article_type, component_type;
  // The default workflow: Draft -> Review (custom step) -> Published / Archived.
  std::string draft_step, review_step;
  // A second workflow scoped to synthetic_article in the `reviewed` collection: Writing -> Approval ->
  // Published / Archived.
  std::string reviewed_collection, review_workflow, writing_step, approval_step;
  std::vector<std::string> terms, options;
  // Elements of the article type, then of the component type.
  std::string title, body, count, date, choice, tags, related, image, slug, label, weight;
};

Status PutModel(const ModelIds& ids, SeedSink& sink);
// Binaries and assets; `base_url` and `environment_id` make the asset urls.
Status PutAssets(const SyntheticSpec& spec, const ModelIds& ids, const SeedOptions& options, SeedSink& sink);
Status PutItemsAndVariants(const SyntheticSpec& spec, const ModelIds& ids, SeedSink& sink);

Status Run(const SeedOptions& options, std::string_view parameters, SeedSink& sink);

}  // namespace kbulk::emulator::synthetic
