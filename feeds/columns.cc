// Columns::Build(): a content type's feed columns from its definition and its snippets' (cell_codec.h).
#include <algorithm>
#include <set>

#include "core/json.h"
#include "feeds/cell_codec.h"

namespace kbulk::feeds {
namespace {

constexpr std::string_view kComponentsSuffix = ".components";
constexpr std::string_view kSearchableValueSuffix = ".searchable_value";
constexpr std::string_view kElementPrefix = "element.";

bool IsSystemColumn(std::string_view name) {
  for (std::string_view system : kSystemColumns) {
    if (system == name) return true;
  }
  return false;
}

Status AddElements(const JsonValue& elements, const std::vector<JsonDocument>& snippets, std::string_view owner,
                   bool in_snippet, std::vector<Column>& out) {
  if (!elements.IsArray()) return Corrupt(std::string(owner) + ": \"elements\" is not an array");
  for (const JsonValue& element : elements.GetArray()) {
    if (!element.IsObject()) return Corrupt(std::string(owner) + ": an element is not an object");
    auto type = StringMember(element, "type");
    auto id = StringMember(element, "id");
    if (!type || !id) return Corrupt(std::string(owner) + ": an element has no type or id");
    if (*type == "guidelines") continue;
    if (*type == "snippet") {
      if (in_snippet) return Corrupt(std::string(owner) + ": a snippet element inside a snippet");
      const JsonValue* ref = Member(element, "snippet");
      auto snippet_id = ref != nullptr ? StringMember(*ref, "id") : std::nullopt;
      if (!snippet_id)
        return Corrupt(std::string(owner) + ": snippet element " + std::string(*id) + " names no snippet");
      auto found = std::find_if(snippets.begin(), snippets.end(),
                                [&](const JsonDocument& s) { return StringMember(s, "id") == snippet_id; });
      if (found == snippets.end()) {
        return Corrupt(std::string(owner) + ": snippet " + std::string(*snippet_id) + " is not in the model");
      }
      const JsonValue* inner = Member(*found, "elements");
      if (inner == nullptr) return Corrupt("snippet " + std::string(*snippet_id) + " has no elements");
      Status status = AddElements(*inner, snippets, StringMember(*found, "codename").value_or(*snippet_id), true, out);
      if (!status.ok()) return status;
      continue;
    }
    auto codename = StringMember(element, "codename");
    if (!codename || codename->empty()) {
      return Corrupt(std::string(owner) + ": element " + std::string(*id) + " has no codename");
    }
    Column column;
    column.kind = Column::Kind::kElement;
    column.name =
        IsSystemColumn(*codename) ? std::string(kElementPrefix) + std::string(*codename) : std::string(*codename);
    column.codename = std::string(*codename);
    column.type = std::string(*type);
    column.element_id = std::string(*id);
    out.push_back(column);
    if (*type == "rich_text" || *type == "custom") {  // the element's companion column
      column.kind = Column::Kind::kComponents;
      column.name += *type == "custom" ? kSearchableValueSuffix : kComponentsSuffix;
      out.push_back(std::move(column));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Columns> Columns::Build(std::string_view type_json, const std::vector<std::string>& snippets_json,
                               const std::vector<std::string>& selection) {
  auto type = ParseJson(type_json);
  if (!type.ok()) return Corrupt("content type: " + type.status().message());
  if (!type->IsObject()) return Corrupt("content type: not a JSON object");
  Columns columns;
  columns.type_codename = std::string(StringMember(*type, "codename").value_or(""));
  std::vector<JsonDocument> snippets;
  for (const std::string& text : snippets_json) {
    auto snippet = ParseJson(text);
    if (!snippet.ok()) return Corrupt("snippet: " + snippet.status().message());
    snippets.push_back(std::move(*snippet));
  }
  std::vector<Column> all;
  for (std::string_view name : kSystemColumns) {
    Column column;
    column.name = std::string(name);
    all.push_back(std::move(column));
  }
  const JsonValue* elements = Member(*type, "elements");
  if (elements == nullptr) return Corrupt("content type " + columns.type_codename + " has no elements");
  Status status = AddElements(*elements, snippets, "content type " + columns.type_codename, false, all);
  if (!status.ok()) return status;

  std::set<std::string_view> seen;
  for (const Column& column : all) {
    if (!seen.insert(column.name).second) {
      return Corrupt("content type " + columns.type_codename + ": two columns named '" + column.name + "'");
    }
  }
  if (selection.empty()) {
    columns.list = std::move(all);
    return columns;
  }
  std::set<std::string> picked;
  for (const std::string& name : selection) {
    auto found = std::find_if(all.begin(), all.end(), [&](const Column& c) { return c.name == name; });
    if (found == all.end()) {
      std::string known;
      for (const Column& c : all) known += (known.empty() ? "" : ", ") + c.name;
      return InvalidArgument("--columns: content type " + columns.type_codename + " has no column '" + name +
                             "' (columns: " + known + ")");
    }
    if (!picked.insert(name).second) return InvalidArgument("--columns: '" + name + "' is listed twice");
    columns.list.push_back(*found);
  }
  return columns;
}

const Column* Columns::Find(std::string_view name) const {
  for (const Column& column : list) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

}  // namespace kbulk::feeds
