// JSON DOM helpers.
#include "core/json.h"

#include <rapidjson/error/en.h>

namespace kbulk {

Status CheckJsonDepth(std::string_view json, std::string_view what, int max_depth) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : json) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        return Corrupt(std::string(what) + " nests deeper than " + std::to_string(max_depth) + " levels");
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return Status::Ok();
}

Result<JsonDocument> ParseJson(std::string_view text, int max_depth) {
  // In valid JSON the scan's depth is the parser's; on invalid text the parser stops at the first error,
  // before any point where the two could disagree.
  if (Status depth = CheckJsonDepth(text, "JSON", max_depth); !depth.ok()) return InvalidArgument(depth.message());
  JsonDocument doc;
  doc.Parse<rapidjson::kParseFullPrecisionFlag | rapidjson::kParseIterativeFlag>(text.data(), text.size());
  if (doc.HasParseError()) {
    return InvalidArgument(std::string("invalid JSON at byte ") + std::to_string(doc.GetErrorOffset()) + ": " +
                           rapidjson::GetParseError_En(doc.GetParseError()));
  }
  return doc;
}

std::string ToJsonString(const JsonValue& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

const JsonValue* Member(const JsonValue& object, std::string_view key) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(JsonValue(rapidjson::StringRef(key.data(), key.size())));
  return it == object.MemberEnd() ? nullptr : &it->value;
}

std::optional<std::string_view> StringMember(const JsonValue& object, std::string_view key) {
  const JsonValue* v = Member(object, key);
  if (v == nullptr || !v->IsString()) return std::nullopt;
  return std::string_view(v->GetString(), v->GetStringLength());
}

std::optional<std::int64_t> IntMember(const JsonValue& object, std::string_view key) {
  const JsonValue* v = Member(object, key);
  if (v == nullptr || !v->IsInt64()) return std::nullopt;
  return v->GetInt64();
}

std::optional<bool> BoolMember(const JsonValue& object, std::string_view key) {
  const JsonValue* v = Member(object, key);
  if (v == nullptr || !v->IsBool()) return std::nullopt;
  return v->GetBool();
}

}  // namespace kbulk
