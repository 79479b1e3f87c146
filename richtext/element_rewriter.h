// Rewrites a whole rich-text element of a variant: its "value", the ids in its "components" array, and, in
// each component, every nested rich-text element (value + components) down to any depth.
#pragma once

#include <cstddef>
#include <vector>

#include "core/json.h"
#include "core/status.h"
#include "richtext/reference_rewriter.h"

namespace kbulk::richtext {

struct ElementRewriteReport {
  std::vector<UnmappedReference> unmapped;  // offsets are relative to the value that held the reference
  std::size_t rewritten = 0;                // attributes and component ids changed
};

// `element` is an object {"element": ..., "value": "<p>..", "components": [...]}; strings are replaced in
// place using `allocator`. A component's own "id" is mapped with maps.components.id_to_id (kept when absent).
// Under UnmappedPolicy::kFail the first unmapped reference is an error and `element` may be partly rewritten.
Result<ElementRewriteReport> RewriteElement(JsonValue& element, JsonAllocator& allocator, const RewriteMaps& maps,
                                            const RewriteOptions& options = {});

}  // namespace kbulk::richtext
