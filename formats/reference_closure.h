// Reference closure of an archive: every item, asset, blob, content type, element, option, taxonomy term,
// language, collection and workflow step that content refers to must be in the archive. Fed the records in
// archive order (model, assets, items, variants), it checks each reference the moment it is read, because
// everything a record may refer to comes earlier in the archive; memory grows only with the number of
// objects' ids, never with content size.
//
// formats/ does not parse rich text HTML: references inside rich text values come from an optional
// extractor (the richtext module's) passed in by the caller. Components inside rich text ("components"
// arrays) are walked here. Not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity_kind.h"
#include "core/reference.h"
#include "core/status.h"

namespace kbulk::formats {

struct RichTextReference {
  EntityKind kind;  // kItem or kAsset
  Reference target;
};
using RichTextReferenceExtractor = std::function<std::vector<RichTextReference>(std::string_view html)>;

struct DanglingReference {
  std::string owner_kind;   // "item" (a variant) or "asset"
  std::string owner;        // codename of the item or asset, or "id:<id>" when it has none in the archive
  std::string language;     // language codename (variants only)
  std::string version;      // "latest" or "published" (variants only)
  std::string element;      // element codename, or the field ("item", "workflow_step", "type", ...)
  std::string target_kind;  // "item", "asset", "blob", "content type", "taxonomy term", ...
  std::string target;       // "id:...", "codename:...", "external_id:..." or a blob hash

  std::string ToString() const;
};

class ReferenceClosure {
 public:
  explicit ReferenceClosure(RichTextReferenceExtractor rich_text = nullptr, std::size_t max_kept = 1000);
  ~ReferenceClosure();

  // Feed every model record and document, blob, asset, item and variant record in archive order.
  // `entity` is the kind the entry holds (EntryInfo::entity). Fails only when a record is malformed.
  Status OnRecord(EntityKind entity, std::string_view json);
  void OnBlob(std::string_view sha256_hex);

  std::uint64_t dangling_count() const;
  // The first `max_kept` dangling references, in archive order.
  const std::vector<DanglingReference>& dangling() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace kbulk::formats
