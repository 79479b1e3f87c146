// Time passing for scheduled workflow changes: a variant scheduled to publish (or unpublish) at a time
// that has come is published (or unpublished) when it is next read or changed, as if the service's
// scheduler had run at that time. Schedule times are ISO-8601 date-times (emulator/iso_date_time.h);
// the emulator stores them in UTC ("2038-01-19T04:14:08Z") and compares them to the second.
#pragma once

#include <cstdint>
#include <string>

#include "emulator/environment.h"

namespace kbulk::emulator {

// Seconds since the Unix epoch, now.
std::int64_t NowSeconds();
// "YYYY-MM-DDTHH:MM:SSZ" of epoch seconds.
std::string FormatUtc(std::int64_t epoch_seconds);

// Applies every due schedule of `variant`; cheap when it has none.
void ApplyDueSchedule(Environment& env, StoredVariant& variant);

}  // namespace kbulk::emulator
