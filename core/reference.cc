// Reference parsing and formatting.
#include "core/reference.h"

#include "core/codename.h"
#include "core/uuid.h"

namespace kbulk {

Status ValidateExternalId(std::string_view external_id) {
  if (external_id.empty()) return InvalidArgument("external id is empty");
  for (char c : external_id) {
    if (c == '/' || c == '.' || c == ';') {
      return InvalidArgument("external id '" + std::string(external_id) + "' contains '" + std::string(1, c) +
                             "': '/', '.' and ';' are not allowed");
    }
  }
  return Status::Ok();
}

Result<Reference> Reference::FromJson(const JsonValue& value) {
  if (!value.IsObject()) return InvalidArgument("reference must be a JSON object");
  if (value.MemberCount() != 1) {
    return InvalidArgument("reference must have exactly one of 'id', 'codename', 'external_id'; it has " +
                           std::to_string(value.MemberCount()) + " members");
  }
  const auto& member = *value.MemberBegin();
  std::string_view key(member.name.GetString(), member.name.GetStringLength());
  if (!member.value.IsString()) return InvalidArgument("reference '" + std::string(key) + "' must be a string");
  std::string text(member.value.GetString(), member.value.GetStringLength());
  if (key == "id") {
    if (!Uuid::IsValid(text)) return InvalidArgument("reference id '" + text + "' is not a UUID");
    return ById(std::move(text));
  }
  if (key == "codename") {
    // Option and term codenames may be longer than 60 characters, so only the character rules apply here.
    KBULK_RETURN_IF_ERROR(ValidateCodename(text, CodenameKind::kOptionOrTerm));
    return ByCodename(std::move(text));
  }
  if (key == "external_id") {
    KBULK_RETURN_IF_ERROR(ValidateExternalId(text));
    return ByExternalId(std::move(text));
  }
  return InvalidArgument("unknown reference key '" + std::string(key) + "'");
}

Result<Reference> Reference::FromJson(std::string_view json) {
  KBULK_ASSIGN_OR_RETURN(JsonDocument doc, ParseJson(json));
  return FromJson(static_cast<const JsonValue&>(doc));
}

void Reference::Write(JsonWriter& writer) const {
  writer.StartObject();
  switch (kind_) {
    case Kind::kId: writer.Key("id"); break;
    case Kind::kCodename: writer.Key("codename"); break;
    case Kind::kExternalId: writer.Key("external_id"); break;
  }
  writer.String(value_).EndObject();
}

std::string Reference::ToJson() const {
  JsonWriter w;
  Write(w);
  return w.str();
}

std::string Reference::ToPathSegment() const {
  switch (kind_) {
    case Kind::kId: return value_;
    case Kind::kCodename: return "codename/" + value_;
    case Kind::kExternalId: return "external-id/" + value_;
  }
  return value_;
}

std::string Reference::ToString() const {
  switch (kind_) {
    case Kind::kId: return "id:" + value_;
    case Kind::kCodename: return "codename:" + value_;
    case Kind::kExternalId: return "external_id:" + value_;
  }
  return value_;
}

}  // namespace kbulk
