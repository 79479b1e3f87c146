// One pass over the parsed value: where each element may appear, its attributes, table/figure/object/list
// rules, inline crossing, and (when given) the element's settings. See docs/richtext-rules.md.
#include "richtext/structure_walker.h"

#include <cstring>
#include <unordered_map>

#include "core/uuid.h"
#include "richtext/element_kinds.h"
#include "richtext/fragment.h"
#include "richtext/gumbo_nodes.h"

namespace kbulk::richtext {
namespace {

enum class Where { kTop, kCell, kFlow, kList, kTable, kTbody, kTr, kFigure, kObject };

struct State {
  Where where = Where::kTop;
  bool in_table = false;  // inside a <td>: table settings apply
  bool in_sub = false;
  bool in_sup = false;
};

class Walker {
 public:
  Walker(std::string_view source, const RichTextSettings* settings, const ValidationContext& context)
      : source_(source), settings_(settings), context_(context) {
    if (context.components != nullptr && context.components->IsArray()) {
      for (const JsonValue& component : context.components->GetArray()) {
        if (!component.IsObject()) continue;
        auto id = StringMember(component, "id");
        const JsonValue* type = Member(component, "type");
        if (!id || type == nullptr || !type->IsObject()) continue;
        TypeRef ref;
        ref.id = std::string(StringMember(*type, "id").value_or(""));
        ref.codename = std::string(StringMember(*type, "codename").value_or(""));
        component_types_[std::string(*id)] = std::move(ref);
      }
    }
  }

  void WalkChildren(const GumboNode* parent, const State& state) {
    const GumboVector& children = Children(parent);
    bool is_li = IsElement(parent) && Tag(parent) == GUMBO_TAG_LI;
    const GumboNode* nested_list = nullptr;
    for (unsigned i = 0; i < children.length; ++i) {
      const GumboNode* child = Child(parent, i);
      if (is_li && nested_list != nullptr && child->type != GUMBO_NODE_WHITESPACE) {
        Report(NodeOffset(nested_list), "nested_list_not_last",
               "a nested list must be the last element of its list item", TagName(nested_list));
        nested_list = nullptr;
      }
      if (is_li && IsElement(child) && IsList(Tag(child))) nested_list = child;
      WalkNode(child, state);
    }
  }

  WalkOutput Take() { return std::move(out_); }

 private:
  void Report(std::size_t offset, const char* code, std::string message, std::string_view element = {}) {
    out_.violations.push_back(MakeViolation(source_, offset, code, std::move(message), std::string(element)));
  }

  void CountText(std::string_view text) {
    bool in_word = false;
    for (char c : text) {
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++out_.text_characters;
      bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
      if (!space && !in_word) ++out_.text_words;
      in_word = !space;
    }
  }

  void WalkText(const GumboNode* node, const State& state) {
    std::string_view text = node->v.text.text;
    bool flow = state.where == Where::kFlow || state.where == Where::kCell;
    if (flow) {
      CountText(text);
      return;
    }
    if (node->type == GUMBO_NODE_WHITESPACE || IsBlankText(text)) return;
    std::size_t first = NodeOffset(node) + text.find_first_not_of(" \t\n\r\f");
    if (node->type != GUMBO_NODE_TEXT || first >= source_.size()) first = NodeOffset(node);
    if (state.where == Where::kTop) {
      Report(first, "text_at_top_level", "text is not allowed at the top level; wrap it in <p>");
    } else {
      Report(first, "misplaced_text", "text is not allowed directly in this element");
    }
  }

  void WalkNode(const GumboNode* node, const State& state) {
    if (node->type == GUMBO_NODE_COMMENT) {
      Report(node->v.text.start_pos.offset, "comment_not_allowed", "HTML comments are not supported in rich text");
      return;
    }
    if (IsTextLike(node)) return WalkText(node, state);
    if (!IsElement(node) && node->type != GUMBO_NODE_TEMPLATE) return;
    GumboTag tag = Tag(node);
    std::size_t offset = NodeOffset(node);
    std::string_view name = TagName(node);
    if (node->v.element.tag_namespace != GUMBO_NAMESPACE_HTML || !IsKnown(tag)) {
      if (IsForbiddenTablePart(tag)) {
        Report(offset, "table_section_not_allowed", "<" + std::string(name) + "> is not supported; use <tbody><tr><td>",
               name);
      } else {
        Report(offset, "unsupported_element", "<" + std::string(name) + "> is not supported in rich text", name);
      }
      return;
    }
    if (!HasSourceStartTag(node)) {
      // Inserted by the parser: an implied <tbody>, or an inline element reopened after crossing tags.
      if (tag == GUMBO_TAG_TBODY) {
        Report(offset, "missing_tbody", "table rows must be inside <tbody>", "table");
        return WalkChildren(node, State{Where::kTbody, state.in_table, false, false});
      }
      if (IsFormatting(tag)) return WalkChildren(node, state);
      Report(offset, "implied_element",
             "<" + std::string(name) + "> is missing in the source (a stray end tag or a missing parent)", name);
    }
    if (!Placed(node, tag, name, offset, state)) return;
    CheckAttributes(node, tag, name);
    if (HasSourceStartTag(node) && !IsFormatting(tag) && tag != GUMBO_TAG_BR && tag != GUMBO_TAG_IMG &&
        !HasSourceEndTag(node) && !ClosedByEndOfValue(node)) {
      Report(offset, "unclosed_element", "<" + std::string(name) + "> has no end tag before its parent closes", name);
    }
    State next = state;
    switch (tag) {
      case GUMBO_TAG_UL:
      case GUMBO_TAG_OL:
        CheckTextBlockSetting(node, name, offset, state);
        next.where = Where::kList;
        break;
      case GUMBO_TAG_LI: next.where = Where::kFlow; break;
      case GUMBO_TAG_TABLE: next.where = Where::kTable; break;
      case GUMBO_TAG_TBODY: next.where = Where::kTbody; break;
      case GUMBO_TAG_TR: next.where = Where::kTr; break;
      case GUMBO_TAG_TD:
        next.where = Where::kCell;
        next.in_table = true;
        break;
      case GUMBO_TAG_FIGURE:
        CheckFigure(node, offset);
        next.where = Where::kFigure;
        break;
      case GUMBO_TAG_IMG: CheckImage(node, offset); return;
      case GUMBO_TAG_OBJECT:
        CheckObject(node, offset);
        next.where = Where::kObject;
        break;
      case GUMBO_TAG_BR: return;
      default:
        if (IsTextBlock(tag)) {
          CheckTextBlockSetting(node, name, offset, state);
          next.where = Where::kFlow;
        } else if (IsFormatting(tag)) {
          CheckInline(node, tag, name, offset, state);
          next.in_sub = state.in_sub || tag == GUMBO_TAG_SUB;
          next.in_sup = state.in_sup || tag == GUMBO_TAG_SUP;
          next.where = Where::kFlow;
        }
    }
    WalkChildren(node, next);
  }

  // Whether `tag` may appear where it is; reports and returns false otherwise.
  bool Placed(const GumboNode* node, GumboTag tag, std::string_view name, std::size_t offset, const State& state) {
    bool ok = false;
    switch (state.where) {
      case Where::kTop: ok = IsBlock(tag); break;
      case Where::kCell:
        if (tag == GUMBO_TAG_TABLE) {
          Report(offset, "nested_table", "tables cannot be nested in table cells", name);
          return false;
        }
        if (tag == GUMBO_TAG_OBJECT) {
          Report(offset, "object_in_table", "content items and components are not supported in table cells", name);
          return false;
        }
        ok = IsBlock(tag) || IsFormatting(tag) || tag == GUMBO_TAG_BR;
        break;
      case Where::kFlow:
        ok = IsFormatting(tag) || tag == GUMBO_TAG_BR;
        // A list item may hold a nested list (checked to be last by WalkChildren).
        if (IsList(tag) && node->parent != nullptr && IsElement(node->parent) && Tag(node->parent) == GUMBO_TAG_LI) {
          ok = true;
        }
        break;
      case Where::kList: ok = tag == GUMBO_TAG_LI; break;
      case Where::kTable: ok = tag == GUMBO_TAG_TBODY; break;
      case Where::kTbody: ok = tag == GUMBO_TAG_TR; break;
      case Where::kTr: ok = tag == GUMBO_TAG_TD; break;
      case Where::kFigure: ok = tag == GUMBO_TAG_IMG; break;
      case Where::kObject: ok = false; break;
    }
    if (!ok) {
      const char* code = state.where == Where::kObject ? "object_not_empty" : "misplaced_element";
      Report(offset, code, "<" + std::string(name) + "> is not allowed here", name);
      return false;
    }
    if (settings_ == nullptr) return true;
    if (state.where == Where::kTop) {
      const char* block = nullptr;
      if ((IsTextBlock(tag) && !IsEmptyTextBlock(node)) || IsList(tag)) block = "text";
      if (tag == GUMBO_TAG_TABLE) block = "tables";
      if (tag == GUMBO_TAG_FIGURE) block = "images";
      if (tag == GUMBO_TAG_OBJECT) block = "components-and-items";
      if (block != nullptr && !settings_->BlockAllowed(block)) {
        Report(offset, "block_not_allowed", std::string("the element does not allow ") + block + " blocks", name);
      }
    } else if (state.where == Where::kCell && tag == GUMBO_TAG_FIGURE && !settings_->TableImagesAllowed()) {
      Report(offset, "table_block_not_allowed", "the element does not allow images in tables", name);
    }
    return true;
  }

  void CheckAttributes(const GumboNode* node, GumboTag tag, std::string_view name) {
    const GumboVector& attributes = node->v.element.attributes;
    for (unsigned i = 0; i < attributes.length; ++i) {
      auto* attribute = static_cast<const GumboAttribute*>(attributes.data[i]);
      std::string_view attribute_name = attribute->name;
      if (AttributeAllowed(tag, attribute_name)) continue;
      std::size_t at = attribute->name_start.offset;
      if (tag == GUMBO_TAG_TD && (attribute_name == "colspan" || attribute_name == "rowspan")) {
        Report(at, "merged_cells", "table cells cannot be merged", name);
      } else {
        Report(at, "unsupported_attribute",
               "attribute '" + std::string(attribute_name) + "' is not supported on <" + std::string(name) + ">", name);
      }
    }
  }

  void CheckTextBlockSetting(const GumboNode* node, std::string_view name, std::size_t offset, const State& state) {
    if (settings_ == nullptr || IsEmptyTextBlock(node)) return;
    std::string_view block = TextBlockName(name);
    if (settings_->TextBlockAllowed(block, state.in_table)) return;
    Report(offset, state.in_table ? "table_text_block_not_allowed" : "text_block_not_allowed",
           "the element does not allow " + std::string(block) + (state.in_table ? " in tables" : ""), name);
  }

  void CheckInline(const GumboNode* node, GumboTag tag, std::string_view name, std::size_t offset, const State& state) {
    if ((tag == GUMBO_TAG_SUB && state.in_sup) || (tag == GUMBO_TAG_SUP && state.in_sub)) {
      Report(offset, "sub_sup_combined", "superscript and subscript are mutually exclusive", name);
    }
    if (!HasSourceEndTag(node)) {
      Report(offset, "crossed_inline_elements",
             "<" + std::string(name) + "> is not closed before its parent closes (inline elements cannot cross)", name);
    }
    if (tag == GUMBO_TAG_A) CheckLink(node, offset);
    if (settings_ != nullptr && !settings_->FormattingAllowed(FormattingName(name), state.in_table)) {
      Report(offset, state.in_table ? "table_formatting_not_allowed" : "formatting_not_allowed",
             "the element does not allow " + std::string(FormattingName(name)) + " formatting" +
                 (state.in_table ? " in tables" : ""),
             name);
    }
  }

  void CheckId(const GumboNode* node, const char* attribute, bool must_be_uuid) {
    std::string_view value;
    if (!AttributeValue(node, attribute, &value)) return;
    if (must_be_uuid ? Uuid::IsValid(value) : !value.empty()) return;
    Report(Attribute(node, attribute)->name_start.offset, "invalid_id",
           std::string(attribute) + (must_be_uuid ? " must be a GUID" : " must not be empty"), TagName(node));
  }

  void CheckLink(const GumboNode* node, std::size_t offset) {
    static const char* const kTargets[] = {"href",
                                           "data-item-id",
                                           "data-item-external-id",
                                           "data-asset-id",
                                           "data-asset-external-id",
                                           "data-email-address",
                                           "data-phone-number"};
    int targets = 0;
    for (const char* target : kTargets) targets += Attribute(node, target) != nullptr ? 1 : 0;
    if (targets == 0) Report(offset, "link_missing_target", "a link needs href or a data-* target", "a");
    if (targets > 1) Report(offset, "link_multiple_targets", "a link can have only one target", "a");
    if (Attribute(node, "data-email-subject") != nullptr && Attribute(node, "data-email-address") == nullptr) {
      Report(offset, "link_missing_target", "data-email-subject needs data-email-address", "a");
    }
    CheckId(node, "data-item-id", true);
    CheckId(node, "data-asset-id", true);
    CheckId(node, "data-item-external-id", false);
    CheckId(node, "data-asset-external-id", false);
    std::string_view item_id;
    if (settings_ != nullptr && !settings_->link_type_ids.empty() && context_.item_type &&
        AttributeValue(node, "data-item-id", &item_id)) {
      auto type = context_.item_type(item_id);
      if (type && !TypeAllowed(*type, settings_->link_type_ids)) {
        Report(offset, "item_link_type_not_allowed", "the linked item's content type is not allowed in links", "a");
      }
    }
  }

  static bool TypeAllowed(const TypeRef& type, const std::set<std::string>& allowed) {
    return allowed.count(type.id) > 0 || allowed.count(type.codename) > 0;
  }

  void CheckFigure(const GumboNode* node, std::size_t offset) {
    std::string_view asset_id;
    bool by_id = AttributeValue(node, "data-asset-id", &asset_id);
    bool by_external = Attribute(node, "data-asset-external-id") != nullptr;
    if (!by_id && !by_external) {
      Report(offset, "figure_missing_asset", "<figure> needs data-asset-id or data-asset-external-id", "figure");
    } else if (by_id && by_external) {
      Report(offset, "figure_ambiguous_asset", "<figure> needs exactly one of data-asset-id, data-asset-external-id",
             "figure");
    }
    CheckId(node, "data-asset-id", true);
    CheckId(node, "data-asset-external-id", false);
    int images = 0;
    const GumboVector& children = Children(node);
    for (unsigned i = 0; i < children.length; ++i) {
      const GumboNode* child = Child(node, i);
      if (IsElement(child) && Tag(child) == GUMBO_TAG_IMG && ++images == 2) {
        Report(NodeOffset(child), "misplaced_element", "<figure> holds at most one <img>", "img");
      }
      std::string_view image_asset;
      if (IsElement(child) && Tag(child) == GUMBO_TAG_IMG && by_id &&
          AttributeValue(child, "data-asset-id", &image_asset) && image_asset != asset_id) {
        Report(NodeOffset(child), "img_asset_mismatch", "<img> names another asset than its <figure>", "img");
      }
    }
    if (settings_ != nullptr && by_id && context_.asset) CheckAssetLimits(asset_id, offset);
  }

  void CheckAssetLimits(std::string_view asset_id, std::size_t offset) {
    auto asset = context_.asset(asset_id);
    if (!asset) return;
    if (settings_->max_image_size && asset->size > *settings_->max_image_size) {
      Report(offset, "image_too_large", "the asset is larger than the element's maximum image size", "figure");
    }
    if (settings_->adjustable_images_only && !asset->is_image) {
      Report(offset, "image_type_not_allowed", "the element allows only adjustable images", "figure");
    }
    if (settings_->image_width && asset->width && !settings_->image_width->Allows(*asset->width)) {
      Report(offset, "image_width_not_allowed", "the image width is outside the element's limit", "figure");
    }
    if (settings_->image_height && asset->height && !settings_->image_height->Allows(*asset->height)) {
      Report(offset, "image_height_not_allowed", "the image height is outside the element's limit", "figure");
    }
  }

  void CheckImage(const GumboNode* node, std::size_t offset) {
    if (Attribute(node, "src") == nullptr || Attribute(node, "data-asset-id") == nullptr) {
      Report(offset, "img_missing_attribute", "<img> requires src and data-asset-id", "img");
    }
    CheckId(node, "data-asset-id", true);
  }

  void CheckObject(const GumboNode* node, std::size_t offset) {
    std::string_view type;
    if (!AttributeValue(node, "type", &type) || type != "application/kenticocloud") {
      Report(offset, "object_invalid_type", "<object> needs type=\"application/kenticocloud\"", "object");
    }
    std::string_view data_type;
    AttributeValue(node, "data-type", &data_type);
    std::string_view id;
    bool by_id = AttributeValue(node, "data-id", &id);
    bool by_external = Attribute(node, "data-external-id") != nullptr;
    CheckId(node, "data-id", true);
    CheckId(node, "data-external-id", false);
    if (data_type == "component") {
      if (by_external) {
        Report(offset, "component_external_id", "components are identified by data-id only", "object");
      } else if (!by_id) {
        Report(offset, "object_missing_id", "a component <object> needs data-id", "object");
      } else {
        out_.components.push_back({std::string(id), offset});
        if (context_.component_depth >= kMaxComponentDepth) {
          Report(offset, "component_too_deep", "components can be nested up to 6 levels deep", "object");
        }
        CheckContentType(component_types_.count(std::string(id)) > 0
                             ? std::optional<TypeRef>(component_types_[std::string(id)])
                             : std::nullopt,
                         offset);
      }
    } else if (data_type == "item") {
      if (!by_id && !by_external) {
        Report(offset, "object_missing_id", "an item <object> needs data-id or data-external-id", "object");
      } else if (by_id && by_external) {
        Report(offset, "object_ambiguous_id", "an item <object> needs exactly one of data-id, data-external-id",
               "object");
      }
      if (by_id && context_.item_type) CheckContentType(context_.item_type(id), offset);
    } else {
      Report(offset, "object_invalid_data_type", "<object> needs data-type \"item\" or \"component\"", "object");
    }
  }

  void CheckContentType(const std::optional<TypeRef>& type, std::size_t offset) {
    if (settings_ == nullptr || settings_->content_type_ids.empty() || !type) return;
    if (!TypeAllowed(*type, settings_->content_type_ids)) {
      Report(offset, "content_type_not_allowed", "the content type of this object is not allowed in the element",
             "object");
    }
  }

  std::string_view source_;
  const RichTextSettings* settings_;
  const ValidationContext& context_;
  std::unordered_map<std::string, TypeRef> component_types_;
  WalkOutput out_;
};

}  // namespace

Violation MakeViolation(std::string_view source, std::size_t offset, std::string code, std::string message,
                        std::string element) {
  SourceLocation location = LocateOffset(source, offset);
  return Violation{std::move(code), std::move(message), location.line, location.column, offset, std::move(element)};
}

WalkOutput WalkFragment(const GumboInternalNode* root, std::string_view source, const RichTextSettings* settings,
                        const ValidationContext& context) {
  Walker walker(source, settings, context);
  walker.WalkChildren(root, State{});
  return walker.Take();
}

}  // namespace kbulk::richtext
