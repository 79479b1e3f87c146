// Type element writers: the type-specific settings first, then the members every element has, in the
// order the service writes them.
#include "emulator/seeds/type_elements.h"

namespace kbulk::emulator {
namespace {

void WriteStrings(JsonWriter& w, std::string_view key, const std::vector<std::string>& values) {
  w.Key(key).StartArray();
  for (const auto& v : values) w.String(v);
  w.EndArray();
}

void WriteReferences(JsonWriter& w, std::string_view key, const std::vector<std::string>& ids) {
  w.Key(key).StartArray();
  for (const auto& id : ids) WriteReference(w, id);
  w.EndArray();
}

void WriteLimit(JsonWriter& w, std::string_view key, int at_most) {
  w.Key(key);
  if (at_most <= 0) {
    w.Null();
    return;
  }
  w.StartObject().Key("value").Int(at_most).Key("condition").String("at_most").EndObject();
}

// name, guidelines, is_required, is_non_localizable, type, id, codename, content_group; closes the object.
void WriteCommonAndClose(JsonWriter& w, const ElementBase& e, std::string_view type, bool has_name = true) {
  if (has_name) w.Key("name").String(e.name);
  w.Key("guidelines");
  if (e.guidelines.empty())
    w.Null();
  else
    w.String(e.guidelines);
  if (has_name) {
    w.Key("is_required").Bool(e.is_required);
    w.Key("is_non_localizable").Bool(e.is_non_localizable);
  }
  w.Key("type").String(type).Key("id").String(e.id).Key("codename").String(e.codename);
  if (!e.group_id.empty()) {
    w.Key("content_group");
    WriteReference(w, e.group_id);
  }
  w.EndObject();
}

}  // namespace

void WriteTextElement(JsonWriter& w, const ElementBase& e, int maximum_characters, std::string_view default_value) {
  w.StartObject().Key("maximum_text_length");
  if (maximum_characters > 0)
    w.StartObject().Key("value").Int(maximum_characters).Key("applies_to").String("characters").EndObject();
  else
    w.Null();
  w.Key("validation_regex").Null().Key("default");
  if (default_value.empty())
    w.Null();
  else
    w.StartObject().Key("global").StartObject().Key("value").String(default_value).EndObject().EndObject();
  WriteCommonAndClose(w, e, "text");
}

void WriteRichTextElement(JsonWriter& w, const ElementBase& e, const RichTextSettings& s) {
  w.StartObject().Key("maximum_text_length");
  if (s.maximum_text_length > 0)
    w.StartObject().Key("value").Int(s.maximum_text_length).Key("applies_to").String("characters").EndObject();
  else
    w.Null();
  w.Key("maximum_image_size").Null();
  WriteReferences(w, "allowed_content_types", s.allowed_content_types);
  WriteReferences(w, "allowed_item_link_types", s.allowed_item_link_types);
  w.Key("image_width_limit").Null().Key("image_height_limit").Null().Key("allowed_image_types").String("any");
  WriteStrings(w, "allowed_blocks", s.allowed_blocks);
  WriteStrings(w, "allowed_formatting", s.allowed_formatting);
  WriteStrings(w, "allowed_text_blocks", s.allowed_text_blocks);
  WriteStrings(w, "allowed_table_blocks", s.allowed_table_blocks);
  WriteStrings(w, "allowed_table_formatting", s.allowed_table_formatting);
  WriteStrings(w, "allowed_table_text_blocks", s.allowed_table_text_blocks);
  WriteCommonAndClose(w, e, "rich_text");
}

void WriteNumberElement(JsonWriter& w, const ElementBase& e) {
  w.StartObject().Key("default").Null();
  WriteCommonAndClose(w, e, "number");
}

void WriteDateTimeElement(JsonWriter& w, const ElementBase& e) {
  w.StartObject().Key("default").Null();
  WriteCommonAndClose(w, e, "date_time");
}

void WriteMultipleChoiceElement(JsonWriter& w, const ElementBase& e, std::string_view mode,
                                const std::vector<Option>& options) {
  w.StartObject().Key("mode").String(mode).Key("options").StartArray();
  for (const auto& o : options)
    w.StartObject().Key("id").String(o.id).Key("codename").String(o.codename).Key("name").String(o.name).EndObject();
  w.EndArray().Key("default").Null();
  WriteCommonAndClose(w, e, "multiple_choice");
}

void WriteAssetElement(JsonWriter& w, const ElementBase& e, int asset_count_at_most, bool images_only) {
  w.StartObject();
  WriteLimit(w, "asset_count_limit", asset_count_at_most);
  w.Key("maximum_file_size").Null().Key("allowed_file_types").String(images_only ? "adjustable" : "any");
  w.Key("image_width_limit").Null().Key("image_height_limit").Null().Key("default").Null();
  WriteCommonAndClose(w, e, "asset");
}

void WriteItemsElement(JsonWriter& w, const ElementBase& e, std::string_view type,
                       const std::vector<std::string>& allowed_type_ids, int item_count_at_most) {
  w.StartObject();
  WriteLimit(w, "item_count_limit", item_count_at_most);
  WriteReferences(w, "allowed_content_types", allowed_type_ids);
  w.Key("default").Null();
  WriteCommonAndClose(w, e, type);
}

void WriteTaxonomyElement(JsonWriter& w, const ElementBase& e, std::string_view group_id) {
  w.StartObject().Key("taxonomy_group");
  WriteReference(w, group_id);
  w.Key("term_count_limit").Null().Key("default").Null();
  WriteCommonAndClose(w, e, "taxonomy");
}

void WriteUrlSlugElement(JsonWriter& w, const ElementBase& e, std::string_view text_element_id,
                         std::string_view snippet_id) {
  w.StartObject().Key("depends_on").StartObject();
  if (!snippet_id.empty()) {
    w.Key("snippet");
    WriteReference(w, snippet_id);
  }
  w.Key("element");
  WriteReference(w, text_element_id);
  w.EndObject().Key("validation_regex").Null();
  WriteCommonAndClose(w, e, "url_slug");
}

void WriteCustomElement(JsonWriter& w, const ElementBase& e, std::string_view source_url,
                        std::string_view json_parameters, const std::vector<std::string>& allowed_element_ids) {
  w.StartObject().Key("source_url").String(source_url).Key("json_parameters");
  if (json_parameters.empty())
    w.Null();
  else
    w.String(json_parameters);
  WriteReferences(w, "allowed_elements", allowed_element_ids);
  WriteCommonAndClose(w, e, "custom");
}

void WriteGuidelinesElement(JsonWriter& w, const ElementBase& e) {
  w.StartObject();
  WriteCommonAndClose(w, e, "guidelines", /*has_name=*/false);
}

void WriteSnippetElement(JsonWriter& w, const ElementBase& e, std::string_view snippet_id) {
  w.StartObject().Key("snippet");
  WriteReference(w, snippet_id);
  w.Key("type").String("snippet").Key("id").String(e.id).Key("codename").String(e.codename);
  if (!e.group_id.empty()) {
    w.Key("content_group");
    WriteReference(w, e.group_id);
  }
  w.EndObject();
}

}  // namespace kbulk::emulator
