// The item phase of an import: each record of content/items.ndjson is upserted by external id (its
// archived one, else "kbulk-<source id>") with name, codename (kept when no other target item has it),
// type and collection by codename, only when the target's item differs. One write per item, queued in
// the write pool; Finish() waits for them (variants need their items to exist). An item the target lacks
// by external id but holds by codename (a target item without external id) is matched to that item and
// upserted by its id; the catalog records the id so references to it use it (docs/import.md).
#pragma once

#include <cstdint>
#include <string_view>

#include "importer/content_context.h"

namespace kbulk::importer {

class ItemImporter {
 public:
  explicit ItemImporter(ContentContext& ctx) : ctx_(ctx) {}

  Status Add(std::string_view json);
  std::uint64_t count() const { return count_; }

 private:
  ContentContext& ctx_;
  std::uint64_t count_ = 0;
};

}  // namespace kbulk::importer
