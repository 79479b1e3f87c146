// Finds every reference in a rich-text value: items and components in <object>, assets in <figure> and <img>,
// and links (<a>) to items, assets, URLs, e-mail addresses and phone numbers, with the exact source positions
// the rewriter needs to splice new values in while leaving every other byte untouched.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace kbulk::richtext {

enum class ReferenceKind {
  kItemObject,       // <object type="application/kenticocloud" data-type="item" data-id|data-external-id>
  kComponentObject,  // <object ... data-type="component" data-id>
  kAssetFigure,      // <figure data-asset-id|data-asset-external-id>
  kAssetImage,       // <img data-asset-id> (inside a figure)
  kItemLink,         // <a data-item-id|data-item-external-id>
  kAssetLink,        // <a data-asset-id|data-asset-external-id>
  kUrlLink,          // <a href>
  kEmailLink,        // <a data-email-address [data-email-subject]>
  kPhoneLink,        // <a data-phone-number>
};
std::string_view ReferenceKindName(ReferenceKind kind);  // "item_object", "asset_link", ...

// How the reference names its target: by id, by external id, or not at all (URL, e-mail and phone links).
enum class ReferenceBy { kNone, kId, kExternalId };
std::string_view ReferenceByName(ReferenceBy by);  // "none", "id", "external_id"

struct RichTextReference {
  ReferenceKind kind = ReferenceKind::kUrlLink;
  ReferenceBy by = ReferenceBy::kNone;
  std::string attribute;  // the attribute carrying the reference, e.g. "data-item-external-id", "href"
  std::string value;      // decoded attribute value (entities resolved)
  // Source positions (byte offsets into the value given to ExtractReferences):
  std::size_t name_offset = 0;     // start of the attribute name
  std::size_t offset = 0;          // start of the attribute value, after the opening quote
  std::size_t length = 0;          // length of the value as written (entities not decoded), without quotes
  char quote = 0;                  // '"', '\'' or 0 when unquoted or written without a value
  std::size_t element_offset = 0;  // start tag of the element ("<a ...>"), offset and length
  std::size_t element_length = 0;
  std::string tag;  // "object", "figure", "img" or "a"
  // Link details (kind *Link only): title, data-new-window and data-email-subject as written (decoded).
  std::string title;
  bool new_window = false;
  std::string email_subject;
};

// All references in document order. Fails only when the value cannot be parsed at all.
Result<std::vector<RichTextReference>> ExtractReferences(std::string_view html);

}  // namespace kbulk::richtext
