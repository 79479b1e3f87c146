// External ids -> ids through richtext::ExtractReferences and richtext::RewriteReferences.
#include "emulator/rich_text_references.h"

#include "richtext/reference_extractor.h"
#include "richtext/reference_rewriter.h"

namespace kbulk::emulator {

std::string RewriteRichTextExternalIds(Environment& env, std::string_view html) {
  if (html.find("external-id") == std::string_view::npos) return std::string(html);
  auto references = richtext::ExtractReferences(html);
  if (!references.ok()) return std::string(html);
  richtext::RewriteMaps maps;
  for (const richtext::RichTextReference& r : *references) {
    if (r.by != richtext::ReferenceBy::kExternalId) continue;
    const richtext::TargetKind target = richtext::TargetOf(r.kind);
    if (target == richtext::TargetKind::kAsset) {
      const StoredObject* asset = env.assets.FindByExternalId(r.value);
      maps.assets.external_id_to_id[r.value] = asset ? asset->id : env.ReserveId(env.reserved_asset_ids, r.value);
    } else if (target == richtext::TargetKind::kItem) {
      const StoredObject* item = env.items.FindByExternalId(r.value);
      maps.items.external_id_to_id[r.value] = item ? item->id : env.ReserveId(env.reserved_item_ids, r.value);
    }
  }
  auto rewritten = richtext::RewriteReferences(html, maps);
  return rewritten.ok() ? std::move(rewritten->html) : std::string(html);
}

}  // namespace kbulk::emulator
