// Content type and snippet elements in the shapes GET /types and GET /snippets return (spec "Elements in
// content types"), written into an open JSON array. Settings that a seed does not set are written as the
// service writes unset settings (null, [] or "any").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"

namespace kbulk::emulator {

struct ElementBase {
  std::string id;
  std::string codename;
  std::string name;
  std::string group_id;  // the content group's id; empty when the type has no content groups (snippets too)
  bool is_required = false;
  bool is_non_localizable = false;
  std::string guidelines;  // null when empty
};

struct RichTextSettings {
  std::vector<std::string> allowed_content_types;  // ids; empty = any
  std::vector<std::string> allowed_item_link_types;
  std::vector<std::string> allowed_blocks;  // "text", "tables", "images", "components-and-items"; empty = all
  std::vector<std::string> allowed_text_blocks;
  std::vector<std::string> allowed_formatting;
  std::vector<std::string> allowed_table_blocks;
  std::vector<std::string> allowed_table_text_blocks;
  std::vector<std::string> allowed_table_formatting;
  int maximum_text_length = 0;  // characters; 0 = no limit
};

struct Option {
  std::string id, codename, name;
};

void WriteTextElement(JsonWriter& w, const ElementBase& e, int maximum_characters = 0,
                      std::string_view default_value = {});
void WriteRichTextElement(JsonWriter& w, const ElementBase& e, const RichTextSettings& settings);
void WriteNumberElement(JsonWriter& w, const ElementBase& e);
void WriteDateTimeElement(JsonWriter& w, const ElementBase& e);
// mode: "single" or "multiple".
void WriteMultipleChoiceElement(JsonWriter& w, const ElementBase& e, std::string_view mode,
                                const std::vector<Option>& options);
void WriteAssetElement(JsonWriter& w, const ElementBase& e, int asset_count_at_most = 0, bool images_only = false);
// type: "modular_content" (linked items) or "subpages".
void WriteItemsElement(JsonWriter& w, const ElementBase& e, std::string_view type,
                       const std::vector<std::string>& allowed_type_ids, int item_count_at_most = 0);
void WriteTaxonomyElement(JsonWriter& w, const ElementBase& e, std::string_view group_id);
// depends_on: the text element it is generated from, and the snippet holding it when there is one.
void WriteUrlSlugElement(JsonWriter& w, const ElementBase& e, std::string_view text_element_id,
                         std::string_view snippet_id = {});
void WriteCustomElement(JsonWriter& w, const ElementBase& e, std::string_view source_url,
                        std::string_view json_parameters, const std::vector<std::string>& allowed_element_ids);
void WriteGuidelinesElement(JsonWriter& w, const ElementBase& e);  // uses e.guidelines as the HTML
void WriteSnippetElement(JsonWriter& w, const ElementBase& e, std::string_view snippet_id);

// {"id": ...}
inline void WriteReference(JsonWriter& w, std::string_view id) {
  w.StartObject().Key("id").String(id).EndObject();
}

}  // namespace kbulk::emulator
