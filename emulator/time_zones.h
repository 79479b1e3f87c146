// IANA display time zones as the service accepts them (display_timezone of schedules).
#pragma once

#include <cstddef>
#include <string_view>

namespace kbulk::emulator {

// True for a canonical IANA zone name the service accepts; false for obsolete names, links and unknown text.
bool IsValidTimeZone(std::string_view name);
// The three names the spec lists as obsolete (refused).
bool IsObsoleteTimeZone(std::string_view name);
// How many names are accepted.
std::size_t TimeZoneCount();

}  // namespace kbulk::emulator
