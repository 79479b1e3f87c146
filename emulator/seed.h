// Seeds fill one emulated environment with API-shaped objects, as the service would return them from
// GET (ids included, generated deterministically from the seed). The emulator's store implements
// SeedSink; seeds never see the store, the server or HTTP.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/entity_kind.h"
#include "core/status.h"

namespace kbulk::emulator {

class SeedSink {
 public:
  virtual ~SeedSink() = default;

  // A model or asset object of `kind` as its full API JSON (e.g. a language, collection, space,
  // taxonomy group, asset folder *tree* (the whole GET /folders body), snippet, content type, workflow,
  // role, webhook, preview configuration (the whole GET body), Web Spotlight (the GET
  // /web-spotlight/status body, after its root type), asset, rendition, item). Objects arrive in
  // dependency order: everything a later object references by id has been put before it.
  virtual Status Put(EntityKind kind, std::string_view json) = 0;

  // A variant: its latest version as the API returns it (workflow, schedule and due_date included),
  // and, when the latest version is not itself the published one, the published version.
  virtual Status PutVariant(std::string_view latest_json, std::optional<std::string_view> published_json) = 0;

  // A binary file: the asset JSON's `file_reference.id` names it; served at the asset's `url`.
  virtual Status PutBinary(std::string_view file_id, std::string_view file_name, std::string_view content_type,
                           std::string bytes) = 0;
};

struct SeedOptions {
  std::string spec = "sample";  // "empty", "sample", "synthetic:items=N,languages=L,assets=A,asset_kb=K,seed=S"
  std::string base_url;         // "http://127.0.0.1:PORT" so asset `url`s point at the emulator itself
  std::string environment_id;
};

// Fills `sink` according to `options.spec`. "empty" puts nothing (the store provides the defaults of a
// new environment: default language, default collection, default workflow).
Status RunSeed(const SeedOptions& options, SeedSink& sink);

}  // namespace kbulk::emulator
