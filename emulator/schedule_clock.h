// Time passing for scheduled workflow changes: a variant scheduled to publish (or unpublish) at a time
// that has come is published (or unpublished) when it is next read or changed, as if the service's
// scheduler had run at that time. Times compare as UTC to the second; offsets in them are ignored.
#pragma once

#include "emulator/environment.h"

namespace kbulk::emulator {

// Applies every due schedule of `variant`; cheap when it has none.
void ApplyDueSchedule(Environment& env, StoredVariant& variant);

}  // namespace kbulk::emulator
