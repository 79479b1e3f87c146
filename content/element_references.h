// The content reference model: which objects a value refers to, by the type of the element that holds it.
// Linked items and subpages name items; asset elements name assets and their renditions; taxonomy elements
// name terms; multiple-choice elements name options; rich text names items and assets (through the
// rich-text engine's extractor) and holds components, whose types are content types and whose elements are
// walked the same way, to any depth. Content type and snippet definitions refer to objects too: element
// defaults, guidelines HTML, allowed types, taxonomy groups and snippets.
//
// One walk shared by `kbulk verify` (the reference closure), the subset export (`--items --depth`), the
// emulator's element checks and the importer.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/model_index.h"
#include "core/json.h"
#include "core/reference.h"

namespace kbulk::content {

enum class TargetKind {
  kItem,
  kAsset,
  kRendition,
  kTaxonomyTerm,
  kOption,  // multiple-choice option
  kContentType,
  kTaxonomyGroup,
  kSnippet,
  kElement,  // another element (a URL slug's depends_on)
};
// "item", "asset", "rendition", "taxonomy term", "multiple choice option", "content type", "taxonomy group",
// "snippet", "content type element"
std::string_view TargetKindName(TargetKind kind);

// What the references in a value of an element of `element_type` name: items for "modular_content" and
// "subpages", assets for "asset" (their renditions: kRendition), terms for "taxonomy", options for
// "multiple_choice"; nullopt for every other type (rich text holds references in its HTML and components).
std::optional<TargetKind> ValueTargetOf(std::string_view element_type);

struct ElementReference {
  TargetKind target = TargetKind::kItem;
  Reference::Kind by = Reference::Kind::kId;
  std::string value;    // the id, codename or external id as written
  std::string element;  // path of the element holding it: "body", "body/component:<id>/source"
  bool in_rich_text = false;

  std::string Key() const;  // "id:<value>", "codename:<value>" or "external_id:<value>"
};

// What a walk needs to know about an element: its codename and type ("rich_text", "asset", ...).
struct ElementDefinition {
  std::string_view codename;
  std::string_view type;
};
// Resolves a variant element's "element" object ({"id": ...} or {"codename": ...}) to its definition, or
// nullopt when the element is unknown. The views must stay valid until the walk returns.
using ElementResolver = std::function<std::optional<ElementDefinition>(const JsonValue& element_reference)>;
// Resolves by id through a ModelIndex (`model` must outlive the resolver).
ElementResolver ResolveWith(const ModelIndex& model);

struct UnknownElement {
  std::string parent;  // path of the element whose component holds it; empty at the top level
  std::string key;     // "id:...", "codename:..." as the element was referenced
};

struct ElementReferences {
  std::vector<ElementReference> references;  // in document order
  std::vector<UnknownElement> unknown_elements;
};

// Every reference in a variant's (or a component's) "elements" array, nested components included (down to
// 16 levels; deeper ones are not followed). Values of the wrong shape hold no references; rich text that
// cannot be parsed holds none either (the validator reports it). `parent` prefixes element paths.
void CollectElementReferences(const JsonValue& elements, const ElementResolver& resolve, ElementReferences& out,
                              std::string_view parent = {});

// Items and assets named in rich-text HTML, by id or external id (components are not targets: their objects
// come with the element's "components" array; an <img> naming its figure's asset again is not repeated).
// Appends in document order; false when the HTML cannot be parsed.
bool CollectRichTextReferences(std::string_view html, std::string_view element, std::vector<ElementReference>& out);

// References in a content type's or snippet's definition: element defaults (items, assets, terms, options),
// guidelines HTML (items and assets), allowed content types and item link types, taxonomy groups, snippets,
// URL slug dependencies. `element` in each is the defining element's codename.
void CollectTypeReferences(const JsonValue& type, std::vector<ElementReference>& out);

}  // namespace kbulk::content
