// Finding the item, language and variant a variant route names, with the service's 404 bodies.
#pragma once

#include <optional>
#include <string>

#include "emulator/api_types.h"
#include "emulator/environment.h"

namespace kbulk::emulator {

struct VariantTarget {
  const StoredObject* item = nullptr;
  const StoredObject* language = nullptr;
  StoredVariant* variant = nullptr;  // null when the variant does not exist yet
};

// Resolves {item_identifier} and {language_identifier}; `error` is set (404) when either is missing.
VariantTarget FindVariantTarget(const ApiRequest& request, Environment& env, std::optional<ApiResponse>& error);
ApiResponse VariantNotFound();

}  // namespace kbulk::emulator
