// ISO-8601 / RFC 3339 date-times as the spec's `string <date-time>` values: "2017-10-31T00:00:00Z",
// with optional fractional seconds and a "Z" or "+hh:mm" offset. A value without an offset is read as
// UTC (the spec: "Time in this element is interpreted as UTC").
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace kbulk::emulator {

// Seconds since the Unix epoch (UTC) of `text`, or nullopt when it is not such a date-time (calendar
// and clock fields are range-checked: no February 30th, no hour 24).
std::optional<std::int64_t> ParseIsoDateTime(std::string_view text);

}  // namespace kbulk::emulator
