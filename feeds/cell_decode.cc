// DecodeCell() / DecodeJsonValue(): a feed cell back to the element object of a variant upsert
// (cell_codec.h, docs/feeds.md). Errors give the reason only; the caller names row and column.
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "core/json.h"
#include "feeds/cell_codec.h"
#include "feeds/list_cell.h"
#include "richtext/validator.h"

namespace kbulk::feeds {
namespace {

std::string Quote(std::string_view s) {
  constexpr std::size_t kMax = 60;
  std::string shown = s.size() > kMax ? std::string(s.substr(0, kMax)) + "..." : std::string(s);
  return "\"" + shown + "\"";
}

void Begin(JsonWriter& json, const Column& column) {
  json.StartObject().Key("element").StartObject().Key("codename").String(column.codename).EndObject();
}

// The strict JSON number grammar, finite.
bool IsJsonNumber(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    std::size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  if (i != s.size()) return false;
  return std::isfinite(std::strtod(std::string(s).c_str(), nullptr));
}

bool Digits(std::string_view s, std::size_t at, std::size_t n) {
  if (at + n > s.size()) return false;
  for (std::size_t i = at; i < at + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

// YYYY-MM-DDTHH:MM(:SS(.fraction)?)?(Z|+HH:MM|-HH:MM)
bool IsIsoDateTime(std::string_view s) {
  if (!Digits(s, 0, 4) || s.size() < 17 || s[4] != '-' || !Digits(s, 5, 2) || s[7] != '-' || !Digits(s, 8, 2) ||
      (s[10] != 'T' && s[10] != 't') || !Digits(s, 11, 2) || s[13] != ':' || !Digits(s, 14, 2)) {
    return false;
  }
  int month = std::atoi(std::string(s.substr(5, 2)).c_str()), day = std::atoi(std::string(s.substr(8, 2)).c_str());
  int hour = std::atoi(std::string(s.substr(11, 2)).c_str()), minute = std::atoi(std::string(s.substr(14, 2)).c_str());
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return false;
  std::size_t i = 16;
  if (i < s.size() && s[i] == ':') {
    if (!Digits(s, i + 1, 2) || std::atoi(std::string(s.substr(i + 1, 2)).c_str()) > 60) return false;
    i += 3;
    if (i < s.size() && s[i] == '.') {
      std::size_t start = ++i;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      if (i == start) return false;
    }
  }
  std::string_view zone = s.substr(i);
  if (zone == "Z" || zone == "z") return true;
  return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && Digits(zone, 1, 2) && zone[3] == ':' &&
         Digits(zone, 4, 2);
}

bool IsZoneName(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' || c == '+')) return false;
  }
  return true;
}

// One reference of a list: by id when the entry is a UUID, else by codename (items, options, terms) or
// external id (assets, renditions).
Status WriteReference(JsonWriter& json, std::string_view entry, bool by_external_id) {
  if (LooksLikeUuid(entry)) {
    json.StartObject().Key("id").String(entry).EndObject();
  } else if (by_external_id) {
    json.StartObject().Key("external_id").String(entry).EndObject();
  } else if (IsCodename(entry)) {
    json.StartObject().Key("codename").String(entry).EndObject();
  } else {
    return InvalidArgument("not a codename or an id: " + Quote(entry));
  }
  return Status::Ok();
}

// A list value from its entries (already unescaped; assets: "asset" or "asset;rendition..." still escaped).
Status WriteList(JsonWriter& json, const Column& column, const std::vector<std::string>& entries, bool escaped) {
  json.Key("value").StartArray();
  for (const std::string& entry : entries) {
    if (column.type != "asset") {
      KBULK_RETURN_IF_ERROR(WriteReference(json, entry, false));
      continue;
    }
    std::vector<std::string> parts{entry};
    if (escaped) {
      KBULK_ASSIGN_OR_RETURN(parts, SplitEscaped(entry, ';', true));
    }
    json.StartObject();
    if (LooksLikeUuid(parts[0])) {
      json.Key("id").String(parts[0]);
    } else {
      json.Key("external_id").String(parts[0]);
    }
    if (parts.size() > 1) {
      json.Key("renditions").StartArray();
      for (std::size_t i = 1; i < parts.size(); ++i) KBULK_RETURN_IF_ERROR(WriteReference(json, parts[i], true));
      json.EndArray();
    }
    json.EndObject();
  }
  json.EndArray();
  return Status::Ok();
}

bool IsList(const std::string& type) {
  return type == "multiple_choice" || type == "taxonomy" || type == "modular_content" || type == "subpages" ||
         type == "asset";
}

Status DecodeRichText(JsonWriter& json, std::string_view html, std::optional<std::string_view> components) {
  std::vector<richtext::Violation> violations = richtext::Validate(html);
  if (!violations.empty()) {
    const richtext::Violation& v = violations.front();
    std::string more = violations.size() > 1 ? " (and " + std::to_string(violations.size() - 1) + " more)" : "";
    return InvalidArgument("invalid rich text at line " + std::to_string(v.line) + ", column " +
                           std::to_string(v.column) + ": " + v.message + more);
  }
  json.Key("value").String(html).Key("components");
  if (!components || components->empty()) {
    json.StartArray().EndArray();
    return Status::Ok();
  }
  auto doc = ParseJson(*components);
  if (!doc.ok()) return InvalidArgument("components are not JSON: " + doc.status().message());
  if (!doc->IsArray()) return InvalidArgument("components are not a JSON array");
  for (const JsonValue& component : doc->GetArray()) {
    if (!component.IsObject() || !StringMember(component, "id") || Member(component, "type") == nullptr ||
        Member(component, "elements") == nullptr) {
      return InvalidArgument("a component is not an object with \"id\", \"type\" and \"elements\"");
    }
  }
  json.Value(*doc);
  return Status::Ok();
}

}  // namespace

Result<std::string> DecodeCell(const Column& column, std::optional<std::string_view> cell,
                               std::optional<std::string_view> components) {
  if (column.kind != Column::Kind::kElement) return Internal("DecodeCell: '" + column.name + "' is not an element");
  const std::string& type = column.type;
  JsonWriter json;
  Begin(json, column);
  if (type == "text" || type == "custom") {
    json.Key("value");
    if (cell) {
      json.String(*cell);
    } else {
      json.Null();
    }
    if (type == "custom" && components) json.Key("searchable_value").String(*components);
  } else if (type == "number") {
    json.Key("value");
    std::string_view text = cell.value_or("");
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (text.empty()) {
      json.Null();
    } else if (!IsJsonNumber(text)) {
      return InvalidArgument("not a number: " + Quote(*cell) + " (write digits with a \".\" for decimals)");
    } else {
      json.Raw(text);
    }
  } else if (type == "date_time") {
    std::string_view text = cell.value_or("");
    std::optional<std::string_view> zone;
    if (!text.empty() && text.back() == ']') {
      std::size_t open = text.rfind('[');
      if (open == std::string_view::npos) return InvalidArgument("a \"]\" without \"[\": " + Quote(text));
      zone = text.substr(open + 1, text.size() - open - 2);
      text = text.substr(0, open);
      if (!IsZoneName(*zone)) return InvalidArgument("not a time zone name: " + Quote(*zone));
    }
    json.Key("value");
    if (text.empty()) {
      json.Null();
    } else if (!IsIsoDateTime(text)) {
      return InvalidArgument("not an ISO 8601 date and time: " + Quote(text) +
                             " (write e.g. 2024-01-31T09:30:00Z, optionally followed by [Europe/Prague])");
    } else {
      json.String(text);
    }
    json.Key("display_timezone");
    if (zone) {
      json.String(*zone);
    } else {
      json.Null();
    }
  } else if (IsList(type)) {
    std::vector<std::string> entries;
    if (cell) {
      auto split = SplitEscaped(*cell, ',', type != "asset");
      if (!split.ok()) return split.status();
      entries = std::move(*split);
    }
    KBULK_RETURN_IF_ERROR(WriteList(json, column, entries, true));
  } else if (type == "url_slug") {
    constexpr std::string_view kAuto = "[autogenerated]", kCustom = "[custom]";
    std::string_view text = cell.value_or("");
    bool autogenerated = !cell;
    if (text.size() >= kAuto.size() && text.substr(text.size() - kAuto.size()) == kAuto) {
      autogenerated = true;
      text.remove_suffix(kAuto.size());
    } else if (text.size() >= kCustom.size() && text.substr(text.size() - kCustom.size()) == kCustom) {
      text.remove_suffix(kCustom.size());
    }
    json.Key("value").String(text).Key("mode").String(autogenerated ? "autogenerated" : "custom");
  } else if (type == "rich_text") {
    KBULK_RETURN_IF_ERROR(DecodeRichText(json, cell.value_or("<p><br/></p>"), components));
  } else {
    return Unsupported("element type '" + type + "' has no feed form");
  }
  json.EndObject();
  return json.str();
}

Result<std::string> DecodeJsonValue(const Column& column, std::string_view value_json) {
  if (column.kind != Column::Kind::kElement)
    return Internal("DecodeJsonValue: '" + column.name + "' is not an element");
  if (value_json.empty() || value_json == "null") return DecodeCell(column, std::nullopt);
  auto doc = ParseJson(value_json);
  if (!doc.ok()) return InvalidArgument("not JSON: " + doc.status().message());
  const JsonValue& value = *doc;
  const std::string& type = column.type;
  if (value.IsNull()) return DecodeCell(column, std::nullopt);
  if (value.IsString()) {
    return DecodeCell(column, std::string_view(value.GetString(), value.GetStringLength()));
  }
  if (type == "number" && value.IsNumber()) return DecodeCell(column, ToJsonString(value));
  if (IsList(type) && value.IsArray()) {
    std::vector<std::string> entries;
    for (const JsonValue& entry : value.GetArray()) {
      if (entry.IsString()) {
        std::string text(entry.GetString(), entry.GetStringLength());
        entries.push_back(type == "asset" ? EscapeListEntry(text) : text);
        continue;
      }
      const JsonValue* renditions = entry.IsObject() ? Member(entry, "renditions") : nullptr;
      auto asset = entry.IsObject() ? StringMember(entry, "asset") : std::nullopt;
      if (type != "asset" || !asset || (renditions != nullptr && !renditions->IsArray())) {
        return InvalidArgument(type == "asset" ? "an asset is not a string or {\"asset\":..,\"renditions\":[..]}"
                                               : "a list entry is not a string");
      }
      std::string joined = EscapeListEntry(*asset);
      if (renditions != nullptr) {
        for (const JsonValue& r : renditions->GetArray()) {
          if (!r.IsString()) return InvalidArgument("a rendition is not a string");
          joined += ';' + EscapeListEntry(std::string_view(r.GetString(), r.GetStringLength()));
        }
      }
      entries.push_back(std::move(joined));
    }
    JsonWriter json;
    Begin(json, column);
    KBULK_RETURN_IF_ERROR(WriteList(json, column, entries, type == "asset"));
    json.EndObject();
    return json.str();
  }
  if (value.IsObject() && (type == "date_time" || type == "url_slug" || type == "rich_text" || type == "custom")) {
    auto text = StringMember(value, "value");
    const JsonValue* raw = Member(value, "value");
    if (raw != nullptr && !raw->IsNull() && !text) return InvalidArgument("\"value\" is not a string");
    if (type == "date_time") {
      auto zone = StringMember(value, "display_timezone");
      std::string cell = std::string(text.value_or("")) + (zone ? "[" + std::string(*zone) + "]" : "");
      return DecodeCell(column, text || zone ? std::optional<std::string_view>(cell) : std::nullopt);
    }
    if (type == "url_slug") {
      auto mode = StringMember(value, "mode").value_or("custom");
      if (mode != "custom" && mode != "autogenerated") return InvalidArgument("unknown url slug mode " + Quote(mode));
      std::string cell = std::string(text.value_or("")) + (mode == "autogenerated" ? "[autogenerated]" : "");
      return DecodeCell(column, cell);
    }
    if (type == "rich_text") {
      const JsonValue* components = Member(value, "components");
      std::string components_json = components != nullptr && !components->IsNull() ? ToJsonString(*components) : "";
      return DecodeCell(column, text, components_json);
    }
    // custom: the value and its searchable value.
    JsonWriter json;
    Begin(json, column);
    json.Key("value");
    if (text) {
      json.String(*text);
    } else {
      json.Null();
    }
    if (const JsonValue* searchable = Member(value, "searchable_value"); searchable != nullptr) {
      if (!searchable->IsNull() && !searchable->IsString()) {
        return InvalidArgument("\"searchable_value\" is not a string");
      }
      json.Key("searchable_value").Value(*searchable);
    }
    json.EndObject();
    return json.str();
  }
  return InvalidArgument("a JSON " +
                         std::string(value.IsObject()  ? "object"
                                     : value.IsArray() ? "array"
                                     : value.IsBool()  ? "boolean"
                                                       : "number") +
                         " is not a " + type + " value");
}

}  // namespace kbulk::feeds
