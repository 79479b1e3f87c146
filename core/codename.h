// Codenames exactly as the spec's "Rules for codenames" states them:
//   only lowercase letters, digits and underscores; starts with a letter or an underscore; at least one
//   character; at most 60 characters except multiple-choice options and taxonomy terms; elements of a
//   snippet are prefixed with the snippet's codename; unique per object kind.
// Generation: lowercase, forbidden characters -> '_', a leading digit gets an 'n' in front, a duplicate
// gets a random suffix, the result is cut at the limit.
#pragma once

#include <cstddef>
#include <functional>
#include <random>
#include <string>
#include <string_view>

#include "core/status.h"

namespace kbulk {

enum class CodenameKind {
  kStandard,     // items, types, elements, languages, collections, ... : 60 characters
  kOptionOrTerm  // multiple-choice options and taxonomy terms: longer codenames are allowed
};

inline constexpr std::size_t kCodenameLimit = 60;
// The spec allows "longer" codenames for options and terms without a number; kbulk accepts up to this.
inline constexpr std::size_t kLongCodenameLimit = 200;

std::size_t CodenameLimit(CodenameKind kind);

// OK, or InvalidArgument naming the rule the codename breaks.
Status ValidateCodename(std::string_view codename, CodenameKind kind = CodenameKind::kStandard);

// Checks the snippet rule: an element inside snippet `snippet_codename` must be named
// `<snippet_codename>__...`. (The service uses a double underscore between the two.)
Status ValidateSnippetElementCodename(std::string_view snippet_codename, std::string_view element_codename);

// Generates a codename from a display name (UTF-8). Each forbidden character (one per code point)
// becomes '_'. `prefix` (e.g. "snippet__") is prepended before cutting, as for snippet elements.
std::string CodenameFromName(std::string_view name, CodenameKind kind = CodenameKind::kStandard,
                             std::string_view prefix = {});

// Returns `base` if `taken(base)` is false, else base cut short and suffixed with '_' and random
// lowercase alphanumerics until the result is free. The rng makes this deterministic in tests.
std::string UniqueCodename(std::string_view base, const std::function<bool(std::string_view)>& taken,
                           std::mt19937_64& rng, CodenameKind kind = CodenameKind::kStandard);

}  // namespace kbulk
