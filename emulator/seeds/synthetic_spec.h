// The parameters of the `synthetic` seed, parsed from "synthetic:items=N,languages=L,assets=A,asset_kb=K,seed=S".
#pragma once

#include <cstdint>
#include <string_view>

#include "core/status.h"

namespace kbulk::emulator {

struct SyntheticSpec {
  std::uint64_t items = 100;    // content items, each with a variant in every language
  std::uint64_t languages = 1;  // including the default language
  std::uint64_t assets = 0;     // assets, each with its own binary
  std::uint64_t asset_kb = 16;  // size of every binary in KiB
  std::uint64_t seed = 1;       // everything generated (ids, text, bytes) depends on it

  static constexpr std::uint64_t kMaxItems = 10'000'000;
  static constexpr std::uint64_t kMaxLanguages = 100;
  static constexpr std::uint64_t kMaxAssets = 1'000'000;
  static constexpr std::uint64_t kMaxAssetKb = 100 * 1024;  // the service's 100 MB limit per binary
};

// Parses the part after "synthetic" ("" or ":key=value,..."). Keys may come in any order and each at
// most once; missing keys keep their defaults. Errors name the key and the rule it breaks.
Result<SyntheticSpec> ParseSyntheticSpec(std::string_view parameters);

}  // namespace kbulk::emulator
