// Variant route targets.
#include "emulator/variant_access.h"

#include "emulator/route_support.h"
#include "emulator/schedule_clock.h"

namespace kbulk::emulator {

ApiResponse VariantNotFound() {
  return NotFoundError(kErrVariantNotFound, "The requested content item variant was not found.");
}

VariantTarget FindVariantTarget(const ApiRequest& request, Environment& env, std::optional<ApiResponse>& error) {
  VariantTarget t;
  t.item = FindByIdentifier(env.items, request.Param("item_identifier"));
  if (t.item == nullptr) {
    error = NotFoundError(kErrItemNotFound, "The requested content item '" +
                                                std::string(request.Param("item_identifier")) + "' was not found.");
    return t;
  }
  t.language = FindByIdentifier(env.languages, request.Param("language_identifier"));
  if (t.language == nullptr) {
    error =
        NotFoundError(kErrObjectNotFound, "The requested language '" +
                                              std::string(request.Param("language_identifier")) + "' was not found.");
    return t;
  }
  t.variant = env.variants.FindMutable(t.item->id, t.language->id);
  if (t.variant != nullptr) ApplyDueSchedule(env, *t.variant);
  return t;
}

}  // namespace kbulk::emulator
