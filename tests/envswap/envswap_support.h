// Helpers for the safe-restore tests: a small content set made through the API (a type with a length
// limit and linked items, a few items and variants), API calls on any environment id, and `kbulk env info`.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/json.h"
#include "tests/importer/import_support.h"

namespace kbulk::testing {

// One API call to the environment `environment_id` of `emu`; returns status and body.
std::pair<int, std::string> ApiOn(const Emulator& emu, const std::string& environment_id, const std::string& method,
                                  const std::string& path, const std::string& body = "");
// The same, REQUIREd to answer 2xx, parsed.
JsonDocument ApiOk(const Emulator& emu, const std::string& environment_id, const std::string& method,
                   const std::string& path, const std::string& body = "");

// Connection arguments for environment `environment_id`.
std::vector<std::string> ConnectionTo(const Emulator& emu, const std::string& environment_id);

// `kbulk env info` of `environment_id`: is it production?
bool IsProduction(const Emulator& emu, const std::string& environment_id);

// Type 'article' (title: text at most `title_limit` characters; related: linked items), in `environment_id`.
void MakeArticleType(const Emulator& emu, const std::string& environment_id, int title_limit);
// Item `codename` of type article (by external id when `external_id` is not empty, else POST) with its
// default-language variant: `title`, and `related` linked by external ids ("id:<id>" links by id). The
// item's name is `name`, else its codename. Returns the item's id.
std::string MakeArticle(const Emulator& emu, const std::string& environment_id, const std::string& codename,
                        const std::string& external_id, const std::string& title,
                        const std::vector<std::string>& related = {}, const std::string& name = "");

// The source set in `environment_id`: type article (title at most 10 characters); items 'short' (title
// fits), 'medium' (8 characters), 'long' (breaks the limit: the source's own issue), 'linker' (links
// 'short' by id and 'ghost', an external id never created: a forward reference). All have external ids
// "ext-<codename>" except 'short', which has none.
void MakeSourceSet(const Emulator& emu, const std::string& environment_id);

// Every item of `environment_id`: codename -> the item's JSON.
std::vector<std::pair<std::string, std::string>> Items(const Emulator& emu, const std::string& environment_id);

}  // namespace kbulk::testing
