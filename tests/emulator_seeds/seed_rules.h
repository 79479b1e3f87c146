// The rules a seeded object would meet if it were made through the Management API, checked over everything
// a seed put (a RecordingSink): so that restoring a seed through the API, under the emulator's strict rules,
// can succeed. Rich-text structure is checked by seeds_richtext_test.cc with the rich-text validator.
//
// Checked: codenames (spec "Rules for codenames"; snippet element prefixes; options and terms may be longer;
// language codenames at most 25 characters), unique codenames per kind; every variant's item, language,
// workflow and step exist, its step belongs to its workflow and `workflow_step` agrees; the workflow is the one
// whose scope matches the item's type and collection (the default workflow otherwise); the step is reachable
// from the workflow's first step through `transitions_to` (Published and Scheduled through a step that
// transitions to Published; Archived through one that transitions to Archived or Published); a separate
// published version is in Published and the newer version in the first step; schedules only where they can
// be (publish time in Scheduled, unpublish time on a published variant), as ISO 8601 date-times, with a
// canonical IANA display time zone (emulator/time_zones.h); due dates are date-times; element values fit their element
// (the element belongs to the type or its snippets; options of the element; terms of its group; items and
// assets that exist; renditions of that asset; URL slug modes; number and text types; a single-choice
// element holds at most one option; components of an existing type, checked the same way); published
// versions have a value for every required element; renditions belong to an existing image asset and stay
// inside it; Web Spotlight's root type exists.
#pragma once

#include <string>
#include <vector>

#include "recording_sink.h"

namespace kbulk::emulator::testing {

// Every rule the seed's puts break, each naming the object; empty when the seed obeys them all.
std::vector<std::string> SeedRuleProblems(const RecordingSink& sink);

}  // namespace kbulk::emulator::testing
