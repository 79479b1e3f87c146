// Codename and external-id rules shared by the object kinds whose limits differ from the common 60
// characters (spec "Rules for codenames" and each object's schema): collections and spaces 1..210,
// languages <= 25 (their codenames are culture names such as "de-DE"), taxonomy terms and options longer;
// external ids unique per object kind. And the spaces an item reports (from its collection).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/status.h"
#include "emulator/environment.h"

namespace kbulk::emulator {

inline constexpr std::size_t kCollectionCodenameLimit = 210;  // collections and spaces
inline constexpr std::size_t kLanguageLimit = 25;             // language names and codenames

// The codename rule (lowercase letters, digits, underscores; starting with a letter or an underscore;
// 1..`limit` characters). InvalidArgument naming `codename` and the rule it breaks.
Status CheckCodename(std::string_view codename, std::size_t limit);

// A name of 1..`limit` characters (UTF-8 code points).
bool NameFits(const JsonValue* name, std::size_t limit);

// The external id's own rule (core/reference.h) plus uniqueness among `table`'s objects other than `own_id`.
Status CheckExternalId(std::string_view external_id, const ObjectTable& table, std::string_view kind_label,
                       std::string_view own_id = {});

// The spaces whose collections include `collection_id`, as a JSON array of {"id"} references.
JsonValue SpacesOfCollection(const Environment& env, std::string_view collection_id, JsonAllocator& allocator);

// Rewrites every item's "spaces" from its collection (after spaces or collections changed).
void RefreshItemSpaces(Environment& env);

}  // namespace kbulk::emulator
