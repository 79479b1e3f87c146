// The store's side of the seed contract (emulator/seed.h): puts seeded API objects into one
// environment's tables, indexing them as the routes do.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "emulator/environment.h"
#include "emulator/seed.h"

namespace kbulk::emulator {

class EnvironmentSeedSink : public SeedSink {
 public:
  // REQUIRES: `environment` outlives this sink and nothing else touches it meanwhile.
  explicit EnvironmentSeedSink(Environment& environment) : env_(environment) {}

  Status Put(EntityKind kind, std::string_view json) override;
  Status PutVariant(std::string_view latest_json, std::optional<std::string_view> published_json) override;
  Status PutBinary(std::string_view file_id, std::string_view file_name, std::string_view content_type,
                   std::string bytes) override;

 private:
  Environment& env_;
};

// The table that holds objects of `kind`, or nullptr for kinds stored otherwise (folders, preview
// configuration, variants, binaries).
ObjectTable* TableFor(Environment& environment, EntityKind kind);

}  // namespace kbulk::emulator
