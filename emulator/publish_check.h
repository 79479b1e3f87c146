// What stops a variant from being published or scheduled: a required element that is empty (the service's
// error 4040027) or an element whose value breaks its content type's limits (4040028: item, asset and term
// counts, text length). @kontent-ai/data-ops 2.6.2 handles exactly these two codes when it publishes
// restored variants (it skips the publish with a warning). Codes and shape: docs/emulator.md.
#pragma once

#include <optional>

#include "emulator/api_types.h"
#include "emulator/environment.h"

namespace kbulk::emulator {

inline constexpr int kErrRequiredElementsEmpty = 4040027;
inline constexpr int kErrElementsIncomplete = 4040028;

// The error response when `variant_json` (a variant's latest version) cannot be published, else nullopt.
std::optional<ApiResponse> CheckPublishable(const Environment& env, const StoredVariant& variant);

}  // namespace kbulk::emulator
