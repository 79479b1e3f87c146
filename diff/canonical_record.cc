// Canonical record text.
#include "diff/canonical_record.h"

#include <algorithm>
#include <vector>

#include "core/sha256.h"
#include "core/uuid.h"

namespace kbulk::diff {
namespace {

// Fields that differ between two copies of the same content and carry no content of their own.
bool IsVolatile(std::string_view name) {
  return name == "last_modified" || name == "url" || name == "file_reference" || name == "request_id";
}

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Replaces every UUID-shaped run of the string that names a known object with its key.
std::string RewriteIds(std::string_view text, const ObjectKeys& keys) {
  if (text.size() < 36) {
    return std::string(text);
  }
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (i + 36 <= text.size() && IsHex(text[i]) && (i == 0 || !IsHex(text[i - 1]))) {
      std::string_view candidate = text.substr(i, 36);
      if (Uuid::IsValid(candidate) && (i + 36 == text.size() || !IsHex(text[i + 36]))) {
        if (const std::string* key = keys.Find(candidate)) {
          out += '@';
          out += *key;
          i += 36;
          continue;
        }
      }
    }
    out.push_back(text[i]);
    ++i;
  }
  return out;
}

// The service adds an <img> inside each rich-text <figure> when it returns a value, and a value written to
// it names its asset on the figure only: `<figure data-asset-id="x"><img src="..." data-asset-id="x">
// </figure>` and `<figure data-asset-id="x"></figure>` are the same content.
std::string DropFigureImages(std::string_view text) {
  if (text.find("<figure") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t figure = text.find("<figure", i);
    if (figure == std::string_view::npos) break;
    std::size_t open_end = text.find('>', figure);
    if (open_end == std::string_view::npos) break;
    out.append(text.substr(i, open_end + 1 - i));
    i = open_end + 1;
    if (text.compare(i, 4, "<img") != 0) continue;
    std::size_t img_end = text.find('>', i);
    if (img_end == std::string_view::npos) break;
    if (text.compare(img_end + 1, 9, "</figure>") == 0) i = img_end + 1;  // the image only: drop it
  }
  out.append(text.substr(i));
  return out;
}

void Write(const JsonValue& value, const ObjectKeys& keys, JsonWriter& writer) {
  if (value.IsObject()) {
    std::vector<const JsonValue::Member*> members;
    for (const auto& m : value.GetObject()) {
      std::string_view name(m.name.GetString(), m.name.GetStringLength());
      if (IsVolatile(name)) continue;
      // A member that is null or an empty array says nothing: the service adds such members to objects over
      // time (a variant's "note", "contributors"), so an older archive compares equal to a newer one.
      if (m.value.IsNull() || (m.value.IsArray() && m.value.Empty())) continue;
      // An import's "kbulk-<source id>" stands for "no external id" in the source (docs/import.md).
      if (name == "external_id" && m.value.IsString() &&
          IsImportExternalId(std::string_view(m.value.GetString(), m.value.GetStringLength())))
        continue;
      members.push_back(&m);
    }
    std::sort(members.begin(), members.end(), [](const auto* a, const auto* b) {
      return std::string_view(a->name.GetString(), a->name.GetStringLength()) <
             std::string_view(b->name.GetString(), b->name.GetStringLength());
    });
    writer.StartObject();
    for (const auto* m : members) {
      writer.Key(std::string_view(m->name.GetString(), m->name.GetStringLength()));
      Write(m->value, keys, writer);
    }
    writer.EndObject();
  } else if (value.IsArray()) {
    writer.StartArray();
    for (const auto& element : value.GetArray()) Write(element, keys, writer);
    writer.EndArray();
  } else if (value.IsString()) {
    std::string text = DropFigureImages(std::string_view(value.GetString(), value.GetStringLength()));
    writer.String(RewriteIds(text, keys));
  } else {
    writer.Value(value);
  }
}

}  // namespace

std::string CanonicalText(const JsonValue& value, const ObjectKeys& keys) {
  JsonWriter writer;
  Write(value, keys, writer);
  return writer.str();
}

std::string CanonicalHash(const JsonValue& value, const ObjectKeys& keys) {
  return Sha256::HexOf(CanonicalText(value, keys));
}

}  // namespace kbulk::diff
