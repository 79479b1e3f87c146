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

namespace {

// True when a number in `json` (outside strings) is long, has a large exponent or is a zero RapidJSON
// 1.1.0 cannot convert in full precision (below). RapidJSON 1.1.0's
// full-precision conversion reads past its table of cached powers for decimal exponents beyond about
// +-340 (found by fuzz/manifest_index: "9" + 51 zeros + "e299"). Such numbers are parsed with normal
// precision instead, which refuses what does not fit a double. No API number comes near.
bool HasExtremeNumber(std::string_view json) {
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
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
      continue;
    }
    if (c != '-' && (c < '0' || c > '9')) continue;
    std::size_t start = i;
    long exponent = 0;
    bool nonzero_digit = false;
    bool in_fraction = false;
    bool has_exponent = false;
    int fraction_digits = 0;
    while (i < json.size() &&
           (json[i] == '-' || json[i] == '+' || json[i] == '.' || (json[i] >= '0' && json[i] <= '9'))) {
      if (json[i] == '.') in_fraction = true;
      if (json[i] >= '1' && json[i] <= '9') nonzero_digit = true;
      if (in_fraction && json[i] >= '0' && json[i] <= '9') ++fraction_digits;
      ++i;
    }
    if (i < json.size() && (json[i] == 'e' || json[i] == 'E')) {
      has_exponent = true;
      ++i;
      if (i < json.size() && (json[i] == '+' || json[i] == '-')) ++i;
      while (i < json.size() && json[i] >= '0' && json[i] <= '9') {
        if (exponent < 100000) exponent = exponent * 10 + (json[i] - '0');
        ++i;
      }
    }
    if (static_cast<long>(i - start) + exponent > 300) return true;
    // A zero written with an exponent or many fraction digits ("0e42", "0.0e-30", "0." + 30 zeros): the
    // full-precision path normalizes a zero significand and returns garbage (-1.55e231 for "0e42"; UB in
    // rapidjson/internal/diyfp.h, found by fuzz/emulator_patch). Normal precision gives 0.
    if (!nonzero_digit && (has_exponent || fraction_digits > 15)) return true;
    --i;
  }
  return false;
}

}  // namespace

Result<JsonDocument> ParseJson(std::string_view text, int max_depth) {
  // In valid JSON the scan's depth is the parser's; on invalid text the parser stops at the first error,
  // before any point where the two could disagree.
  if (Status depth = CheckJsonDepth(text, "JSON", max_depth); !depth.ok()) return InvalidArgument(depth.message());
  JsonDocument doc;
  if (HasExtremeNumber(text)) {
    doc.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
  } else {
    doc.Parse<rapidjson::kParseFullPrecisionFlag | rapidjson::kParseIterativeFlag>(text.data(), text.size());
  }
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
