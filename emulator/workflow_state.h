// Reading workflows of an environment: which kind a step is (regular, published, scheduled, archived),
// which transitions a step allows, which workflow a new variant gets from the scopes, and the variant's
// workflow/step members.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/reference.h"
#include "emulator/environment.h"

namespace kbulk::emulator {

enum class StepKind { kUnknown, kRegular, kPublished, kScheduled, kArchived };

StepKind StepKindOf(const Environment& env, std::string_view workflow_id, std::string_view step_id);

struct WorkflowPosition {
  std::string workflow_id;
  std::string step_id;
};

// The workflow whose scope covers (type, collection), at its first step. A scope naming both the type and the
// collection wins over one naming only the type, which wins over one naming only the collection; a
// workflow whose scopes are all empty takes what no other scope covers, and the default workflow the rest.
WorkflowPosition InitialWorkflow(const Environment& env, std::string_view type_id, std::string_view collection_id);
// The step id of the given kind in a workflow ("" when the workflow does not exist).
std::string SpecialStepId(const Environment& env, std::string_view workflow_id, StepKind kind);
std::string FirstStepId(const Environment& env, std::string_view workflow_id);
// A step of `workflow` (a workflow document) by id or codename, regular or special; "" when none matches.
std::string ResolveStepId(const JsonValue& workflow, const Reference& step);
// The codename of a step of the workflow ("" when unknown), for messages.
std::string StepCodename(const Environment& env, std::string_view workflow_id, std::string_view step_id);
// Whether the regular step `from` lists `to` among its transitions_to.
bool TransitionAllowed(const Environment& env, std::string_view workflow_id, std::string_view from,
                       std::string_view to);

// The variant's position (from its "workflow" member, or "workflow_step" for old data).
WorkflowPosition PositionOf(const JsonValue& variant);
// Writes both "workflow": {workflow_identifier, step_identifier} and "workflow_step": {id}.
void SetPosition(JsonValue& variant, const WorkflowPosition& position, JsonAllocator& allocator);

}  // namespace kbulk::emulator
