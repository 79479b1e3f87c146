// EncodeElement(): a variant element as the API returns it -> its CSV cell and its JSON value
// (cell_codec.h, docs/feeds.md).
#include "content/import_rewrite.h"
#include "core/json.h"
#include "feeds/cell_codec.h"

namespace kbulk::feeds {
namespace {

std::string Where(const Column& column) {
  return "element '" + column.codename + "'";
}

// The element's "value" (may be null); fails when absent.
Result<const JsonValue*> ValueOf(const JsonValue& element, const Column& column) {
  const JsonValue* value = Member(element, "value");
  if (value == nullptr) return Corrupt(Where(column) + " has no value");
  return value;
}

Status Shape(const Column& column, std::string_view expected) {
  return Corrupt(Where(column) + " (" + column.type + "): the value is not " + std::string(expected));
}

// A nullable string member ("value", "display_timezone", "searchable_value"): ok with nullopt when null or
// absent (when `required` is false).
Result<std::optional<std::string>> NullableString(const JsonValue& object, std::string_view key, const Column& column) {
  const JsonValue* value = Member(object, key);
  if (value == nullptr || value->IsNull()) return std::optional<std::string>();
  if (!value->IsString()) return Shape(column, "a string or null in \"" + std::string(key) + "\"");
  return std::optional<std::string>(std::string(value->GetString(), value->GetStringLength()));
}

void WriteNullable(JsonWriter& writer, const std::optional<std::string>& value) {
  if (value) {
    writer.String(*value);
  } else {
    writer.Null();
  }
}

// The name a reference of a list element is written by.
Result<std::string> ReferenceName(const JsonValue& reference, const Column& column, const NameLookup& names) {
  if (!reference.IsObject()) return Shape(column, "an array of references");
  auto id = StringMember(reference, "id");
  if (!id) {
    // Not what the API returns, but an upsert form is unambiguous enough to keep.
    if (auto codename = StringMember(reference, "codename")) return std::string(*codename);
    if (auto external = StringMember(reference, "external_id")) return std::string(*external);
    return Shape(column, "an array of references by id");
  }
  const std::string* name = nullptr;
  const content::ModelIndex& model = names.model();
  if (column.type == "multiple_choice") {
    name = model.OptionCodename(*id);
  } else if (column.type == "taxonomy") {
    name = model.TermCodename(*id);
  } else if (column.type == "asset") {
    return names.AssetExternalId(*id);
  } else {
    name = names.ItemCodename(*id);
  }
  return name != nullptr ? *name : std::string(*id);
}

Status EncodeList(const JsonValue& value, const Column& column, const NameLookup& names, EncodedElement& out) {
  if (!value.IsArray()) return Shape(column, "an array");
  std::string cell;
  JsonWriter json;
  json.StartArray();
  bool first = true;
  for (const JsonValue& reference : value.GetArray()) {
    KBULK_ASSIGN_OR_RETURN(std::string name, ReferenceName(reference, column, names));
    if (!first) cell += ',';
    first = false;
    cell += EscapeListEntry(name);
    const JsonValue* renditions = column.type == "asset" ? Member(reference, "renditions") : nullptr;
    if (renditions != nullptr && renditions->IsArray() && !renditions->Empty()) {
      json.StartObject().Key("asset").String(name).Key("renditions").StartArray();
      for (const JsonValue& rendition : renditions->GetArray()) {
        auto rid = rendition.IsObject() ? StringMember(rendition, "id") : std::nullopt;
        auto rexternal = rendition.IsObject() ? StringMember(rendition, "external_id") : std::nullopt;
        if (!rid && !rexternal) return Shape(column, "an array of assets with renditions by id");
        std::string rname = rid ? names.RenditionExternalId(*rid) : std::string(*rexternal);
        cell += ';' + EscapeListEntry(rname);
        json.String(rname);
      }
      json.EndArray().EndObject();
    } else {
      json.String(name);
    }
  }
  json.EndArray();
  out.cell = std::move(cell);
  out.json = json.str();
  return Status::Ok();
}

Status EncodeRichText(std::string_view element_json, const Column& column, const NameLookup& names,
                      EncodedElement& out) {
  struct Naming : content::ImportNaming {
    explicit Naming(const NameLookup& names) {
      item_external_id = [&names](std::string_view id, bool& in_archive) {
        in_archive = true;
        return names.ItemExternalId(id);
      };
      asset_external_id = [&names](std::string_view id, bool& in_archive) {
        in_archive = true;
        return names.AssetExternalId(id);
      };
      rendition_external_id = [&names](std::string_view id) { return names.RenditionExternalId(id); };
    }
  } naming(names);
  std::string array = "[" + std::string(element_json) + "]";
  auto rewritten = content::RewriteElementsForImport(array, names.model(), naming);
  if (!rewritten.ok()) return Corrupt(Where(column) + ": " + rewritten.status().message());
  KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(rewritten->elements_json));
  if (!doc.IsArray() || doc.Size() != 1 || !doc[0].IsObject()) return Internal("rich text rewrite: not one element");
  const JsonValue& element = doc[0];
  const JsonValue* value = Member(element, "value");
  if (value == nullptr || !value->IsString()) return Shape(column, "an HTML string");
  std::string html(value->GetString(), value->GetStringLength());
  const JsonValue* components = Member(element, "components");
  if (components != nullptr && !components->IsNull() && !components->IsArray()) {
    return Shape(column, "rich text with an array of components");
  }
  bool has_components = components != nullptr && components->IsArray() && !components->Empty();
  JsonWriter json;
  json.StartObject().Key("value").String(html).Key("components");
  if (has_components) {
    out.components = ToJsonString(*components);
    json.Raw(*out.components);
  } else {
    json.StartArray().EndArray();
  }
  json.EndObject();
  out.cell = std::move(html);
  out.json = json.str();
  return Status::Ok();
}

}  // namespace

Result<EncodedElement> EncodeElement(const Column& column, std::string_view element_json, const NameLookup& names) {
  EncodedElement out;
  out.json = "null";
  if (column.kind == Column::Kind::kSystem) return Internal("EncodeElement: '" + column.name + "' is a system column");
  if (element_json.empty()) return out;
  KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(element_json));
  if (!doc.IsObject()) return Corrupt(Where(column) + " is not a JSON object");
  const std::string& type = column.type;
  if (type == "rich_text") {
    KBULK_RETURN_IF_ERROR(EncodeRichText(element_json, column, names, out));
    return out;
  }
  KBULK_ASSIGN_OR_RETURN(const JsonValue* value, ValueOf(doc, column));
  if (type == "text") {
    KBULK_ASSIGN_OR_RETURN(auto text, NullableString(doc, "value", column));
    out.cell = text;
    if (text) out.json = ToJsonString(*value);
  } else if (type == "number") {
    if (value->IsNull()) return out;
    if (!value->IsNumber()) return Shape(column, "a number or null");
    out.json = ToJsonString(*value);
    out.cell = out.json;
  } else if (type == "date_time") {
    KBULK_ASSIGN_OR_RETURN(auto when, NullableString(doc, "value", column));
    KBULK_ASSIGN_OR_RETURN(auto zone, NullableString(doc, "display_timezone", column));
    if (!when && !zone) return out;
    out.cell = when.value_or("") + (zone ? "[" + *zone + "]" : "");
    JsonWriter json;
    json.StartObject().Key("value");
    WriteNullable(json, when);
    json.Key("display_timezone");
    WriteNullable(json, zone);
    json.EndObject();
    out.json = json.str();
  } else if (type == "multiple_choice" || type == "taxonomy" || type == "modular_content" || type == "subpages" ||
             type == "asset") {
    KBULK_RETURN_IF_ERROR(EncodeList(*value, column, names, out));
  } else if (type == "url_slug") {
    KBULK_ASSIGN_OR_RETURN(auto slug, NullableString(doc, "value", column));
    auto mode = StringMember(doc, "mode");
    if (mode && *mode != "autogenerated" && *mode != "custom") return Shape(column, "in a known mode");
    bool autogenerated = mode && *mode == "autogenerated";
    out.cell = slug.value_or("") + (autogenerated ? "[autogenerated]" : "");
    JsonWriter json;
    json.StartObject()
        .Key("value")
        .String(slug.value_or(""))
        .Key("mode")
        .String(autogenerated ? "autogenerated" : "custom");
    json.EndObject();
    out.json = json.str();
  } else if (type == "custom") {
    KBULK_ASSIGN_OR_RETURN(auto text, NullableString(doc, "value", column));
    KBULK_ASSIGN_OR_RETURN(auto searchable, NullableString(doc, "searchable_value", column));
    out.cell = text;
    out.components = searchable;  // the ".searchable_value" cell
    if (text || searchable) {
      JsonWriter json;
      json.StartObject().Key("value");
      WriteNullable(json, text);
      json.Key("searchable_value");
      WriteNullable(json, searchable);
      json.EndObject();
      out.json = json.str();
    }
  } else {
    return Unsupported(Where(column) + ": element type '" + type + "' has no feed form");
  }
  return out;
}

}  // namespace kbulk::feeds
