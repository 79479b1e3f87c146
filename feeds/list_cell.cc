// List cells ("a,b\,c"), UUID shape and the "kbulk-<id>" external ids (cell_codec.h).
#include <cctype>

#include "content/import_naming.h"
#include "feeds/cell_codec.h"
#include "feeds/list_cell.h"

namespace kbulk::feeds {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

}  // namespace

Result<std::vector<std::string>> SplitEscaped(std::string_view cell, char separator, bool unescape) {
  std::vector<std::string> entries;
  std::size_t i = 0;
  while (i < cell.size() && IsSpace(cell[i])) ++i;
  if (i == cell.size()) return entries;
  std::string current;
  std::size_t keep = 0;  // length of `current` up to its last escaped or non-space character
  for (; i <= cell.size(); ++i) {
    if (i == cell.size() || cell[i] == separator) {
      current.resize(keep);
      if (current.empty()) {
        return InvalidArgument("empty entry in the list (a \"" + std::string(1, separator) +
                               "\" with nothing before or after it)");
      }
      entries.push_back(std::move(current));
      current.clear();
      keep = 0;
      if (i < cell.size()) {
        while (i + 1 < cell.size() && IsSpace(cell[i + 1])) ++i;
      }
      continue;
    }
    if (cell[i] == '\\') {
      if (i + 1 == cell.size()) return InvalidArgument("the list ends with a lone \"\\\"");
      if (!unescape) current += '\\';
      current += cell[++i];
      keep = current.size();
      continue;
    }
    current += cell[i];
    if (!IsSpace(cell[i])) keep = current.size();
  }
  return entries;
}

Result<std::vector<std::string>> SplitListCell(std::string_view cell) {
  return SplitEscaped(cell, ',', true);
}

std::string EscapeListEntry(std::string_view entry) {
  std::string out;
  out.reserve(entry.size());
  for (std::size_t i = 0; i < entry.size(); ++i) {
    char c = entry[i];
    bool edge_space = IsSpace(c) && (i == 0 || i + 1 == entry.size());
    if (c == '\\' || c == ',' || c == ';' || c == '[' || edge_space) out += '\\';
    out += c;
  }
  return out;
}

bool LooksLikeUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

bool IsCodename(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return true;
}

std::optional<std::string> SourceIdOfExternalId(std::string_view external_id) {
  constexpr std::string_view kPrefix = "kbulk-";
  if (external_id.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  std::string_view rest = external_id.substr(kPrefix.size());
  if (!LooksLikeUuid(rest)) return std::nullopt;
  return std::string(rest);
}

std::string NameLookup::RenditionExternalId(std::string_view rendition_id) const {
  return content::SourceExternalId(rendition_id);
}

}  // namespace kbulk::feeds
