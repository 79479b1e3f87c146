// ExtractReferences(): one walk over gumbo's tree collecting reference attributes with their source spans.
#include "richtext/reference_extractor.h"

#include <set>

#include "richtext/fragment.h"
#include "richtext/gumbo_nodes.h"

namespace kbulk::richtext {
namespace {

struct AttributeRule {
  const char* attribute;
  ReferenceKind kind;
  ReferenceBy by;
};

const AttributeRule kLinkRules[] = {
    {"data-item-id", ReferenceKind::kItemLink, ReferenceBy::kId},
    {"data-item-external-id", ReferenceKind::kItemLink, ReferenceBy::kExternalId},
    {"data-asset-id", ReferenceKind::kAssetLink, ReferenceBy::kId},
    {"data-asset-external-id", ReferenceKind::kAssetLink, ReferenceBy::kExternalId},
    {"href", ReferenceKind::kUrlLink, ReferenceBy::kNone},
    {"data-email-address", ReferenceKind::kEmailLink, ReferenceBy::kNone},
    {"data-phone-number", ReferenceKind::kPhoneLink, ReferenceBy::kNone},
};

class ReferenceCollector {
 public:
  explicit ReferenceCollector(std::string_view source) : source_(source) {}

  void Walk(const GumboNode* node) {
    if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
      if (HasSourceStartTag(node)) Collect(node);
    } else if (node->type != GUMBO_NODE_DOCUMENT) {
      return;
    }
    const GumboVector& children = Children(node);
    for (unsigned i = 0; i < children.length; ++i) Walk(Child(node, i));
  }

  std::vector<RichTextReference> Take() { return std::move(out_); }

 private:
  void Collect(const GumboNode* node) {
    switch (Tag(node)) {
      case GUMBO_TAG_OBJECT: {
        std::string_view data_type;
        AttributeValue(node, "data-type", &data_type);
        ReferenceKind kind = data_type == "component" ? ReferenceKind::kComponentObject : ReferenceKind::kItemObject;
        Add(node, "data-id", kind, ReferenceBy::kId);
        Add(node, "data-external-id", kind, ReferenceBy::kExternalId);
        break;
      }
      case GUMBO_TAG_FIGURE:
        Add(node, "data-asset-id", ReferenceKind::kAssetFigure, ReferenceBy::kId);
        Add(node, "data-asset-external-id", ReferenceKind::kAssetFigure, ReferenceBy::kExternalId);
        break;
      case GUMBO_TAG_IMG:
        Add(node, "data-asset-id", ReferenceKind::kAssetImage, ReferenceBy::kId);
        // data-ops 2.6.2 restores figures with the <img> naming its asset by external id too
        Add(node, "data-asset-external-id", ReferenceKind::kAssetImage, ReferenceBy::kExternalId);
        break;
      case GUMBO_TAG_A:
        for (const AttributeRule& rule : kLinkRules) Add(node, rule.attribute, rule.kind, rule.by);
        break;
      default: break;
    }
  }

  void Add(const GumboNode* node, const char* name, ReferenceKind kind, ReferenceBy by) {
    const GumboAttribute* attribute = Attribute(node, name);
    if (attribute == nullptr) return;
    // The parser can clone an element (reopened formatting); its attributes point at the same source bytes.
    if (!seen_.insert(attribute->name_start.offset).second) return;
    RichTextReference reference;
    reference.kind = kind;
    reference.by = by;
    reference.attribute = name;
    reference.value = attribute->value;
    reference.name_offset = attribute->name_start.offset;
    SourceSpan span = ValueSpan(attribute, source_);
    reference.offset = span.offset;
    reference.length = span.length;
    const GumboStringPiece& raw = attribute->original_value;
    if (raw.length >= 2 && (raw.data[0] == '"' || raw.data[0] == '\'') && raw.data[raw.length - 1] == raw.data[0]) {
      reference.quote = raw.data[0];
    }
    reference.element_offset = node->v.element.start_pos.offset;
    reference.element_length = node->v.element.original_tag.length;
    reference.tag = std::string(TagName(node));
    if (!InSource(reference)) {
      // Positions outside the value would make splicing unsafe: report the reference as not editable.
      reference.offset = reference.name_offset = reference.element_offset = source_.size();
      reference.length = reference.element_length = 0;
      reference.quote = 0;
    }
    if (Tag(node) == GUMBO_TAG_A) {
      std::string_view text;
      if (AttributeValue(node, "title", &text)) reference.title = std::string(text);
      if (AttributeValue(node, "data-email-subject", &text)) reference.email_subject = std::string(text);
      reference.new_window = AttributeValue(node, "data-new-window", &text) && text != "false";
    }
    out_.push_back(std::move(reference));
  }

  bool InSource(const RichTextReference& r) const {
    std::size_t end = r.offset + r.length + (r.quote != 0 ? 1 : 0);
    return r.name_offset <= r.offset && end <= source_.size() && r.element_offset <= r.name_offset &&
           r.element_offset + r.element_length <= source_.size() && r.element_offset + r.element_length >= end;
  }

  std::string_view source_;
  std::set<unsigned> seen_;
  std::vector<RichTextReference> out_;
};

}  // namespace

std::string_view ReferenceKindName(ReferenceKind kind) {
  switch (kind) {
    case ReferenceKind::kItemObject: return "item_object";
    case ReferenceKind::kComponentObject: return "component_object";
    case ReferenceKind::kAssetFigure: return "asset_figure";
    case ReferenceKind::kAssetImage: return "asset_image";
    case ReferenceKind::kItemLink: return "item_link";
    case ReferenceKind::kAssetLink: return "asset_link";
    case ReferenceKind::kUrlLink: return "url_link";
    case ReferenceKind::kEmailLink: return "email_link";
    case ReferenceKind::kPhoneLink: return "phone_link";
  }
  return "unknown";
}

std::string_view ReferenceByName(ReferenceBy by) {
  switch (by) {
    case ReferenceBy::kNone: return "none";
    case ReferenceBy::kId: return "id";
    case ReferenceBy::kExternalId: return "external_id";
  }
  return "unknown";
}

Result<std::vector<RichTextReference>> ExtractReferences(std::string_view html) {
  ParsedFragment fragment(html);
  if (fragment.root() == nullptr) return Internal("rich text: the HTML parser returned no document");
  ReferenceCollector collector(html);
  collector.Walk(fragment.root());
  return collector.Take();
}

}  // namespace kbulk::richtext
