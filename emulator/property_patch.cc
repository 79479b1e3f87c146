// Replace-by-property-name operations.
#include "emulator/property_patch.h"

#include <algorithm>

#include "emulator/route_support.h"

namespace kbulk::emulator {

std::vector<ValidationError> ApplyPropertyPatch(
    JsonDocument& doc, const JsonValue& operations, const std::vector<std::string>& allowed,
    const std::function<std::string(const std::string& property, JsonValue& value, JsonAllocator&)>& check) {
  std::vector<ValidationError> errors;
  if (!operations.IsArray() || operations.Empty())
    return {{"No patch operations were provided, provide at least one operation."}};
  auto& a = doc.GetAllocator();
  for (const JsonValue& op : operations.GetArray()) {
    std::string property(StringMember(op, "property_name").value_or(""));
    const JsonValue* value = Member(op, "value");
    if (StringMember(op, "op").value_or("") != "replace" || value == nullptr) {
      errors.push_back({"Each operation must be {\"op\":\"replace\",\"property_name\":...,\"value\":...}."});
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), property) == allowed.end()) {
      errors.push_back({"The property '" + property + "' cannot be modified.", "property_name"});
      continue;
    }
    JsonValue copy(*value, a);
    std::string problem = check ? check(property, copy, a) : "";
    if (!problem.empty()) {
      errors.push_back({problem, property});
      continue;
    }
    SetMember(doc, property, std::move(copy), a);
  }
  return errors;
}

}  // namespace kbulk::emulator
