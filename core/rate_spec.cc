#include "core/rate_spec.h"

#include <charconv>
#include <string>

namespace kbulk {

Result<RateSpec> ParseRateSpec(std::string_view spec) {
  if (spec == "off") return RateSpec{};
  if (spec == "real") return kServiceRateLimits;
  const std::string text(spec);
  auto bad = [&](const std::string& why) {
    return InvalidArgument("rate limit '" + text + "': " + why + " (use N/s, N/min, N/s,N/min, real or off)");
  };
  if (spec.empty()) return bad("empty");
  RateSpec rate;
  bool seconds_seen = false, minutes_seen = false;
  while (true) {
    std::size_t comma = spec.find(',');
    std::string_view part = spec.substr(0, comma);
    std::size_t slash = part.find('/');
    if (slash == std::string_view::npos || slash == 0) return bad("'" + std::string(part) + "' is not N/window");
    std::uint32_t n = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + slash, n);
    if (ec != std::errc() || end != part.data() + slash)
      return bad("'" + std::string(part.substr(0, slash)) + "' is not a whole number");
    if (n == 0) return bad("a window needs at least 1 request");
    std::string_view unit = part.substr(slash + 1);
    if (unit == "s" && !seconds_seen) {
      rate.per_second = n;
      seconds_seen = true;
    } else if (unit == "min" && !minutes_seen) {
      rate.per_minute = n;
      minutes_seen = true;
    } else if (unit == "s" || unit == "min") {
      return bad("the window '" + std::string(unit) + "' is given twice");
    } else {
      return bad("unknown window '" + std::string(unit) + "'");
    }
    if (comma == std::string_view::npos) break;
    spec = spec.substr(comma + 1);
  }
  return rate;
}

}  // namespace kbulk
