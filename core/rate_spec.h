// The one parser of request-rate specs, shared by the client's pacing (`--rate-limit` on API commands) and
// the emulator's enforcement (`kbulk emulator --rate-limit`): "off", "real" (the service's 10/s and
// 400/min), "<n>/s", "<m>/min" or "<n>/s,<m>/min". Numbers are plain decimal digits, at least 1.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/status.h"

namespace kbulk {

struct RateSpec {
  std::uint32_t per_second = 0;  // 0: this window is not limited
  std::uint32_t per_minute = 0;
  bool enabled() const { return per_second > 0 || per_minute > 0; }
};

inline constexpr RateSpec kServiceRateLimits{10, 400};

Result<RateSpec> ParseRateSpec(std::string_view spec);

}  // namespace kbulk
