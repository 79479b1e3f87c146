// Strict parsing of the synthetic seed's parameters: unknown keys, repeated keys, empty or non-numeric
// values and values out of range are errors that name the key.
#include "emulator/seeds/synthetic_spec.h"

#include <charconv>
#include <set>
#include <string>

namespace kbulk::emulator {
namespace {

Status Bad(std::string_view key, std::string_view why) {
  return InvalidArgument("synthetic seed: '" + std::string(key) + "' " + std::string(why));
}

}  // namespace

Result<SyntheticSpec> ParseSyntheticSpec(std::string_view parameters) {
  SyntheticSpec spec;
  if (parameters.empty()) return spec;
  if (parameters.front() != ':')
    return InvalidArgument("synthetic seed: expected 'synthetic:key=value,...', got 'synthetic" +
                           std::string(parameters) + "'");
  parameters.remove_prefix(1);
  std::set<std::string, std::less<>> seen;
  while (!parameters.empty()) {
    std::size_t comma = parameters.find(',');
    std::string_view pair = parameters.substr(0, comma);
    parameters = comma == std::string_view::npos ? std::string_view() : parameters.substr(comma + 1);
    if (comma != std::string_view::npos && parameters.empty())
      return InvalidArgument("synthetic seed: trailing ',' after '" + std::string(pair) + "'");
    std::size_t eq = pair.find('=');
    if (pair.empty()) return InvalidArgument("synthetic seed: empty parameter (two commas in a row?)");
    if (eq == std::string_view::npos) return Bad(pair, "needs a value (key=value)");
    std::string_view key = pair.substr(0, eq), value = pair.substr(eq + 1);
    std::uint64_t* field = key == "items"       ? &spec.items
                           : key == "languages" ? &spec.languages
                           : key == "assets"    ? &spec.assets
                           : key == "asset_kb"  ? &spec.asset_kb
                           : key == "seed"      ? &spec.seed
                                                : nullptr;
    if (field == nullptr) return Bad(key, "is not a parameter (expected items, languages, assets, asset_kb, seed)");
    if (!seen.insert(std::string(key)).second) return Bad(key, "is given more than once");
    if (value.empty()) return Bad(key, "has no value");
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), *field);
    if (ec != std::errc() || end != value.data() + value.size())
      return Bad(key, "must be a non-negative integer, got '" + std::string(value) + "'");
  }
  if (spec.items > SyntheticSpec::kMaxItems)
    return Bad("items", "must be at most " + std::to_string(SyntheticSpec::kMaxItems));
  if (spec.languages < 1 || spec.languages > SyntheticSpec::kMaxLanguages)
    return Bad("languages", "must be between 1 and " + std::to_string(SyntheticSpec::kMaxLanguages));
  if (spec.assets > SyntheticSpec::kMaxAssets)
    return Bad("assets", "must be at most " + std::to_string(SyntheticSpec::kMaxAssets));
  if (spec.asset_kb < 1 || spec.asset_kb > SyntheticSpec::kMaxAssetKb)
    return Bad("asset_kb", "must be between 1 and " + std::to_string(SyntheticSpec::kMaxAssetKb));
  return spec;
}

}  // namespace kbulk::emulator
