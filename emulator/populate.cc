// Environment set-up for `kbulk emulator`. Seeds other than "empty" come from emulator/seeds/ through
// RunSeed (emulator/seed.h); a build without emulator/seeds/ says so instead of failing to link.
#include "emulator/populate.h"

#include "emulator/seed.h"
#include "emulator/store_seed_sink.h"

namespace kbulk::emulator {

Status PopulateEnvironments(Server& server, const std::string& seed_spec, int environment_count) {
  if (environment_count < 1) return InvalidArgument("--environments must be at least 1");
  [[maybe_unused]] Environment& first = server.store().Create("Production", true);
  if (seed_spec != "empty") {
#ifndef KBULK_EMULATOR_HAS_SEEDS
    return Unsupported("seed '" + seed_spec + "': this build has no seeds (emulator/seeds/)");
#else
    SeedOptions options;
    options.spec = seed_spec;
    options.base_url = server.base_url();
    options.environment_id = first.id;
    EnvironmentSeedSink sink(first);
    KBULK_RETURN_IF_ERROR(RunSeed(options, sink).WithContext("seed '" + seed_spec + "'"));
#endif
  }
  for (int i = 2; i <= environment_count; ++i) server.store().Create("Environment " + std::to_string(i), false);
  return Status::Ok();
}

}  // namespace kbulk::emulator
