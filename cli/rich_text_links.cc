// Rich-text references for `kbulk verify` and `kbulk demo`.
#include "cli/rich_text_links.h"

#include "richtext/reference_extractor.h"

namespace kbulk::cli {

formats::RichTextReferenceExtractor RichTextClosureExtractor() {
  return [](std::string_view html) {
    std::vector<formats::RichTextReference> out;
    auto refs = richtext::ExtractReferences(html);
    if (!refs.ok()) return out;  // an unparsable value is the validator's business, not the closure's
    for (const auto& ref : *refs) {
      if (ref.by == richtext::ReferenceBy::kNone || ref.kind == richtext::ReferenceKind::kComponentObject) continue;
      bool item = ref.kind == richtext::ReferenceKind::kItemObject || ref.kind == richtext::ReferenceKind::kItemLink;
      Reference target =
          ref.by == richtext::ReferenceBy::kId ? Reference::ById(ref.value) : Reference::ByExternalId(ref.value);
      out.push_back({item ? EntityKind::kItem : EntityKind::kAsset, std::move(target)});
    }
    return out;
  };
}

}  // namespace kbulk::cli
