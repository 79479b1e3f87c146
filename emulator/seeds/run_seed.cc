// RunSeed (emulator/seed.h): picks the seed named by the spec string.
#include "emulator/seed.h"

#include <string>

#include "emulator/seeds/sample.h"
#include "emulator/seeds/synthetic.h"

namespace kbulk::emulator {

Status RunSeed(const SeedOptions& options, SeedSink& sink) {
  std::string_view spec = options.spec;
  if (spec == "empty") return Status::Ok();
  if (spec == "sample") return sample::RunSample(options, sink);
  constexpr std::string_view kSynthetic = "synthetic";
  if (spec.substr(0, kSynthetic.size()) == kSynthetic &&
      (spec.size() == kSynthetic.size() || spec[kSynthetic.size()] == ':'))
    return synthetic::Run(options, spec.substr(kSynthetic.size()), sink);
  return InvalidArgument("unknown seed '" + std::string(spec) +
                         "' (expected empty, sample or synthetic:items=N,languages=L,assets=A,asset_kb=K,seed=S)");
}

}  // namespace kbulk::emulator
