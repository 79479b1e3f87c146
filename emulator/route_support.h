// Small pieces every route family uses: parsing identifiers and bodies, resolving references against a
// table, writing objects and lists in the service's shapes, and generating unique codenames.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/reference.h"
#include "emulator/api_error.h"
#include "emulator/api_types.h"
#include "emulator/environment.h"
#include "emulator/router.h"

namespace kbulk::emulator {

// "<id>" | "codename/<c>" | "external-id/<x>" as the path segment of an identifier parameter.
std::optional<Reference> ParseIdentifier(std::string_view segment);

// The body parsed as JSON; a 400 with the service's message when it is not JSON.
Result<JsonDocument> ParseBody(const ApiRequest& request);
ApiResponse BadJson(const Status& status);

// A Reference object of the body ({"id"}|{"codename"}|{"external_id"}) as a Reference; nullopt when the
// value is not a reference.
std::optional<Reference> ReferenceFrom(const JsonValue& value);

// Looks up the object a path identifier names; nullptr when it does not exist.
const StoredObject* FindByIdentifier(const ObjectTable& table, std::string_view segment);

// The id of the reference `object[key]` ({"id": ...}), or `fallback` when there is none.
std::string RefId(const JsonValue& object, std::string_view key, std::string_view fallback = {});

// {"id": id} written into `value` (replacing whatever reference form it had).
void SetIdReference(JsonValue& value, std::string_view id, JsonAllocator& allocator);
void SetMember(JsonValue& object, std::string_view key, JsonValue value, JsonAllocator& allocator);
void SetStringMember(JsonValue& object, std::string_view key, std::string_view value, JsonAllocator& allocator);

// Codename: the requested one (validated, unique) or one generated from `name`. Error text on failure.
Result<std::string> ChooseCodename(const JsonValue& body, std::string_view name, const ObjectTable& table,
                                   Environment& env, std::string_view kind_label, std::string_view own_id = {});

// A list page of `table` under `array_key`, with pagination.
ApiResponse ListPage(const ApiRequest& request, const ObjectTable& table, std::string_view array_key,
                     std::size_t page_size);
// Every object of `table` as a bare JSON array (unpaginated lists such as workflows or roles).
std::string JsonArrayOf(const ObjectTable& table);

// The object body of `doc` as a response.
ApiResponse JsonResponse(int status, const JsonValue& doc);

// The asset folder tree (GET /folders body), with a "folders" array whatever the stored text held.
JsonDocument FolderTree(const Environment& env);

// Builds a StoredObject from an API object (id, codename, external_id members).
StoredObject ToStored(const JsonValue& doc);

}  // namespace kbulk::emulator
