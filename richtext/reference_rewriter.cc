// Splices mapped ids and external ids into a rich-text value; see reference_rewriter.h.
#include "richtext/reference_rewriter.h"

#include <algorithm>

namespace kbulk::richtext {
namespace {

struct Edit {
  std::size_t offset;
  std::size_t length;
  std::string replacement;
};

// The attribute that names the same target the other way (by id <-> by external id).
std::string_view CounterpartAttribute(std::string_view attribute) {
  if (attribute == "data-id") return "data-external-id";
  if (attribute == "data-external-id") return "data-id";
  if (attribute == "data-item-id") return "data-item-external-id";
  if (attribute == "data-item-external-id") return "data-item-id";
  if (attribute == "data-asset-id") return "data-asset-external-id";
  if (attribute == "data-asset-external-id") return "data-asset-id";
  return {};
}

const std::string* Find(const std::unordered_map<std::string, std::string>& map, const std::string& key) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

// Replaces the value only, keeping the name and the quote style.
Edit ReplaceValue(const RichTextReference& reference, std::string_view value) {
  if (reference.quote == 0) return {reference.offset, reference.length, "\"" + EscapeAttribute(value) + "\""};
  std::string escaped = EscapeAttribute(value);
  if (reference.quote == '\'') {
    std::string with_apostrophes;
    for (char c : escaped) with_apostrophes += c == '\'' ? std::string("&#39;") : std::string(1, c);
    escaped = std::move(with_apostrophes);
  }
  return {reference.offset, reference.length, std::move(escaped)};
}

// Replaces `name="value"` as a whole with the counterpart attribute.
Edit RenameAttribute(const RichTextReference& reference, std::string_view value) {
  std::size_t end = reference.offset + reference.length + (reference.quote != 0 ? 1 : 0);
  std::string replacement =
      std::string(CounterpartAttribute(reference.attribute)) + "=\"" + EscapeAttribute(value) + "\"";
  return {reference.name_offset, end - reference.name_offset, std::move(replacement)};
}

}  // namespace

std::string_view TargetKindName(TargetKind kind) {
  switch (kind) {
    case TargetKind::kItem: return "item";
    case TargetKind::kAsset: return "asset";
    case TargetKind::kComponent: return "component";
  }
  return "unknown";
}

TargetKind TargetOf(ReferenceKind kind) {
  switch (kind) {
    case ReferenceKind::kComponentObject: return TargetKind::kComponent;
    case ReferenceKind::kAssetFigure:
    case ReferenceKind::kAssetImage:
    case ReferenceKind::kAssetLink: return TargetKind::kAsset;
    default: return TargetKind::kItem;
  }
}

const ReferenceMap& RewriteMaps::For(TargetKind kind) const {
  switch (kind) {
    case TargetKind::kAsset: return assets;
    case TargetKind::kComponent: return components;
    case TargetKind::kItem: break;
  }
  return items;
}

std::string EscapeAttribute(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

Result<RewriteResult> RewriteReferences(std::string_view html, const RewriteMaps& maps, const RewriteOptions& options) {
  KBULK_ASSIGN_OR_RETURN(std::vector<RichTextReference> references, ExtractReferences(html));
  RewriteResult result;
  std::vector<Edit> edits;
  for (const RichTextReference& reference : references) {
    if (reference.by == ReferenceBy::kNone) continue;
    bool editable = reference.quote != 0 || reference.length > 0;
    TargetKind target = TargetOf(reference.kind);
    const ReferenceMap& map = maps.For(target);
    bool may_use_external = target != TargetKind::kComponent;
    auto to_external = [&](const std::string& external_id) {
      if (reference.kind == ReferenceKind::kAssetImage) {
        // <img> must name its asset by id; drop the tag, the figure carries the reference.
        edits.push_back({reference.element_offset, reference.element_length, ""});
      } else {
        edits.push_back(RenameAttribute(reference, external_id));
      }
    };
    if (reference.by == ReferenceBy::kId) {
      if (const std::string* id = Find(map.id_to_id, reference.value); id != nullptr && editable) {
        if (*id != reference.value) edits.push_back(ReplaceValue(reference, *id));
        continue;
      }
      const std::string* external = may_use_external ? Find(map.id_to_external_id, reference.value) : nullptr;
      if (external != nullptr && editable) {
        to_external(*external);
        continue;
      }
    } else if (const std::string* id = Find(map.external_id_to_id, reference.value); id != nullptr && editable) {
      edits.push_back(RenameAttribute(reference, *id));
      continue;
    }
    result.unmapped.push_back({reference.kind, reference.by, reference.value, reference.offset});
    if (options.unmapped == UnmappedPolicy::kFail) {
      return InvalidArgument("rich text: " + std::string(ReferenceKindName(reference.kind)) + " " +
                             std::string(reference.attribute) + "=\"" + reference.value + "\" at byte " +
                             std::to_string(reference.offset) + " has no mapping");
    }
    if (options.unmapped == UnmappedPolicy::kExternalIdPlaceholder && reference.by == ReferenceBy::kId &&
        may_use_external && editable) {
      to_external(options.placeholder_external_id ? options.placeholder_external_id(target, reference.value)
                                                  : reference.value);
    }
  }
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.offset < b.offset; });
  result.html.reserve(html.size() + 64);
  std::size_t position = 0;
  for (const Edit& edit : edits) {
    if (edit.offset < position || edit.offset + edit.length > html.size()) continue;  // overlapping: keep source
    result.html.append(html.substr(position, edit.offset - position));
    result.html.append(edit.replacement);
    position = edit.offset + edit.length;
    ++result.rewritten;
  }
  result.html.append(html.substr(position));
  return result;
}

}  // namespace kbulk::richtext
