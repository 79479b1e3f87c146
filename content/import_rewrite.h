// Rewrites a variant's elements, as the API returned them (every reference by id), into the elements of an
// upsert to another environment, where no source id means anything: every reference is by codename or
// external id, so content is written in one pass (external ids of objects not created yet resolve later).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "content/import_naming.h"
#include "content/model_index.h"
#include "core/status.h"

namespace kbulk::content {

struct RewriteResult {
  std::string elements_json;  // JSON array for the upsert's "elements"
  // "item <id> in element 'body'" / "asset <id> in element 'hero'": objects the archive does not hold,
  // referenced by the external id they will have if they are ever imported. Each listed once.
  std::vector<std::string> forward_references;
};

// `elements_json`: a variant's "elements" array exactly as the API returned it.
// Output: elements referenced by codename; linked items, subpages and assets (with their renditions) by
// external id; taxonomy terms and multiple-choice options by codename; components' types by codename
// (component ids kept: data-id must match); rich text rewritten by the rich-text engine (items and assets
// by external id: data-external-id on item objects, data-item-external-id, data-asset-external-id; an <img>
// inside a figure is dropped because it can name its asset by id only); components nested in components
// recursively; text, number, date_time (+ display_timezone), url slug (+ mode) and custom element values
// (+ searchable_value) kept as they are. References already by external id or codename are kept.
// Fails (kCorrupt) naming the element when a value is malformed, or an element, term, option or component
// type id is not in the model.
Result<RewriteResult> RewriteElementsForImport(std::string_view elements_json, const ModelIndex& model,
                                               const ImportNaming& naming);

}  // namespace kbulk::content
