// Codename validation and generation.
#include "core/codename.h"

namespace kbulk {
namespace {

bool IsCodenameChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

// Length of the UTF-8 sequence that starts with `lead` (1 for invalid bytes so we always advance).
std::size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

}  // namespace

std::size_t CodenameLimit(CodenameKind kind) {
  return kind == CodenameKind::kStandard ? kCodenameLimit : kLongCodenameLimit;
}

Status ValidateCodename(std::string_view codename, CodenameKind kind) {
  if (codename.empty()) return InvalidArgument("codename is empty: it must have at least one character");
  if (codename.size() > CodenameLimit(kind)) {
    return InvalidArgument("codename '" + std::string(codename) + "' has " + std::to_string(codename.size()) +
                           " characters; the limit is " + std::to_string(CodenameLimit(kind)));
  }
  char first = codename.front();
  if (!((first >= 'a' && first <= 'z') || first == '_')) {
    return InvalidArgument("codename '" + std::string(codename) + "' must start with a lowercase letter or '_'");
  }
  for (std::size_t i = 0; i < codename.size(); ++i) {
    if (!IsCodenameChar(codename[i])) {
      return InvalidArgument("codename '" + std::string(codename) + "' has a forbidden character at position " +
                             std::to_string(i) + ": only a-z, 0-9 and '_' are allowed");
    }
  }
  return Status::Ok();
}

Status ValidateSnippetElementCodename(std::string_view snippet_codename, std::string_view element_codename) {
  KBULK_RETURN_IF_ERROR(ValidateCodename(element_codename));
  std::string prefix = std::string(snippet_codename) + "__";
  if (element_codename.substr(0, prefix.size()) != prefix || element_codename.size() == prefix.size()) {
    return InvalidArgument("element codename '" + std::string(element_codename) +
                           "' in snippet '" + std::string(snippet_codename) + "' must start with '" + prefix + "'");
  }
  return Status::Ok();
}

std::string CodenameFromName(std::string_view name, CodenameKind kind, std::string_view prefix) {
  std::string body;
  body.reserve(name.size());
  for (std::size_t i = 0; i < name.size();) {
    auto c = static_cast<unsigned char>(name[i]);
    std::size_t len = Utf8Length(c);
    if (len == 1) {
      char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
      body.push_back(IsCodenameChar(lower) ? lower : '_');
    } else {
      body.push_back('_');
    }
    i += len;
  }
  std::string out(prefix);
  if (!body.empty() && body.front() >= '0' && body.front() <= '9') out.push_back('n');
  if (body.empty() && prefix.empty()) out.push_back('_');
  out += body;
  if (out.size() > CodenameLimit(kind)) out.resize(CodenameLimit(kind));
  return out;
}

std::string UniqueCodename(std::string_view base, const std::function<bool(std::string_view)>& taken,
                           std::mt19937_64& rng, CodenameKind kind) {
  if (!taken(base)) return std::string(base);
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  constexpr std::size_t kSuffixLength = 10;  // '_' + 9 characters
  std::size_t limit = CodenameLimit(kind);
  std::string stem(base.substr(0, std::min(base.size(), limit - kSuffixLength)));
  for (;;) {
    std::string candidate = stem + "_";
    for (std::size_t i = 1; i < kSuffixLength; ++i) candidate.push_back(kAlphabet[rng() % 36]);
    if (!taken(candidate)) return candidate;
  }
}

}  // namespace kbulk
