// A reference to an object by exactly one of internal id, codename or external id, as the API's
// Reference object. Responses always use ids; requests may use any of the three.
#pragma once

#include <string>
#include <string_view>

#include "core/json.h"
#include "core/status.h"

namespace kbulk {

class Reference {
 public:
  enum class Kind { kId, kCodename, kExternalId };

  static Reference ById(std::string id) { return {Kind::kId, std::move(id)}; }
  static Reference ByCodename(std::string codename) { return {Kind::kCodename, std::move(codename)}; }
  static Reference ByExternalId(std::string external_id) { return {Kind::kExternalId, std::move(external_id)}; }

  // Parses {"id": ...} / {"codename": ...} / {"external_id": ...}: exactly one key, a string value,
  // valid for its kind (UUID, codename rules, external-id rules).
  static Result<Reference> FromJson(std::string_view json);
  static Result<Reference> FromJson(const JsonValue& value);

  Kind kind() const { return kind_; }
  const std::string& value() const { return value_; }

  std::string ToJson() const;  // {"id":"..."} etc.
  void Write(JsonWriter& writer) const;
  // The path segment the API uses: "<id>", "codename/<codename>", "external-id/<external id>".
  std::string ToPathSegment() const;
  std::string ToString() const;  // for messages: id:..., codename:..., external_id:...

  friend bool operator==(const Reference&, const Reference&) = default;

 private:
  Reference(Kind kind, std::string value) : kind_(kind), value_(std::move(value)) {}
  Kind kind_;
  std::string value_;
};

// External ids must not contain '/', '.' or ';' (spec, "Reference object"); they must not be empty.
Status ValidateExternalId(std::string_view external_id);

}  // namespace kbulk
