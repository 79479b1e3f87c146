// libFuzzer entry: any bytes as a rich-text value through validation (with settings), extraction and
// rewriting under every unmapped policy; checks the rewriter's invariants (no mapping -> identical bytes).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/json.h"
#include "richtext/reference_extractor.h"
#include "richtext/reference_rewriter.h"
#include "richtext/validator.h"

namespace rt = kbulk::richtext;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  // Built through the DOM, not parsed: rapidjson's reader trips UBSan (null-pointer arithmetic in its stack).
  static const kbulk::JsonDocument* definition = [] {
    auto* d = new kbulk::JsonDocument();
    d->SetObject();
    auto& a = d->GetAllocator();
    auto strings = [&](std::initializer_list<const char*> values) {
      kbulk::JsonValue array(rapidjson::kArrayType);
      for (const char* v : values) array.PushBack(kbulk::JsonValue(rapidjson::StringRef(v)), a);
      return array;
    };
    d->AddMember("allowed_blocks", strings({"text", "images", "tables"}), a);
    d->AddMember("allowed_formatting", strings({"bold", "link"}), a);
    d->AddMember("allowed_table_formatting", strings({"unstyled"}), a);
    kbulk::JsonValue length(rapidjson::kObjectType);
    length.AddMember("value", 50, a);
    length.AddMember("applies_to", "words", a);
    d->AddMember("maximum_text_length", length, a);
    return d;
  }();
  rt::ValidationContext context;
  (void)rt::Validate(html, context);
  context.element_definition = definition;
  context.item_type = [](std::string_view) { return std::optional<rt::TypeRef>(rt::TypeRef{"t", "article"}); };
  context.asset = [](std::string_view) { return std::optional<rt::AssetInfo>(rt::AssetInfo{10, 5, 5, true}); };
  for (const rt::Violation& v : rt::Validate(html, context)) {
    if (v.offset > size || v.code.empty()) std::abort();
  }

  auto references = rt::ExtractReferences(html);
  if (!references.ok()) return 0;
  rt::RewriteMaps empty;
  auto same = rt::RewriteReferences(html, empty);
  if (!same.ok() || same->html != html || same->rewritten != 0) std::abort();

  rt::RewriteMaps maps;
  for (const rt::RichTextReference& r : *references) {
    if (r.offset > size || r.offset + r.length > size || r.element_offset > size) std::abort();
    rt::ReferenceMap& map = r.kind == rt::ReferenceKind::kComponentObject ? maps.components
                            : r.kind == rt::ReferenceKind::kAssetFigure || r.kind == rt::ReferenceKind::kAssetImage ||
                                    r.kind == rt::ReferenceKind::kAssetLink
                                ? maps.assets
                                : maps.items;
    if (r.value.size() % 3 == 0) map.id_to_id[r.value] = r.value + "-new";
    if (r.value.size() % 3 == 1) map.id_to_external_id[r.value] = "ext\"<" + r.value;
    if (r.value.size() % 3 == 2) map.external_id_to_id[r.value] = "id&" + r.value;
  }
  for (auto policy :
       {rt::UnmappedPolicy::kKeep, rt::UnmappedPolicy::kFail, rt::UnmappedPolicy::kExternalIdPlaceholder}) {
    rt::RewriteOptions options;
    options.unmapped = policy;
    auto rewritten = rt::RewriteReferences(html, maps, options);
    if (rewritten.ok()) (void)rt::ExtractReferences(rewritten->html);
  }
  return 0;
}
