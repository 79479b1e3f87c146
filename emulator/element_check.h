// Checks variant element values against the content type, as the service does on upsert: unknown
// elements, wrong value shapes, single-choice with several options, references that do not resolve.
// References are rewritten to ids; item, asset and taxonomy-term references by external id to objects
// that do not exist yet resolve to ids reserved for them. Rich-text components are checked against
// their own types; the HTML is to be judged by the rich-text engine (not wired yet, see docs/emulator.md).
#pragma once

#include <string>
#include <vector>

#include "core/json.h"
#include "emulator/api_error.h"
#include "emulator/environment.h"

namespace kbulk::emulator {

// The rich-text settings of a content type that are limits content validation reports rather than rules the
// upsert enforces.
inline constexpr const char* kRichTextTypeLimits[] = {"maximum_text_length", "maximum_image_size", "image_width_limit",
                                                      "image_height_limit", "allowed_image_types"};

struct ElementCheckOutcome {
  std::vector<ValidationError> errors;
  std::vector<std::string> element_ids;  // the elements the request set, by id (for merging)
};

// `elements` is the request's "elements" array (rewritten in place). `type_json` is the content type.
// `depth` counts component nesting (components may nest up to 6 levels).
ElementCheckOutcome CheckElements(Environment& env, const JsonValue& type_json, JsonValue& elements,
                                  JsonAllocator& allocator, int depth = 0);

// The value an element of `element_type` has in a variant where it was never set.
void WriteEmptyElement(const JsonValue& type_element, JsonValue& out, JsonAllocator& allocator);

// Every element a variant of `type_json` has (snippet elements expanded), as copies of their definitions.
std::vector<const JsonValue*> FlattenTypeElements(const Environment& env, const JsonValue& type_json,
                                                  std::vector<JsonDocument>& snippet_storage);

}  // namespace kbulk::emulator
