// JSON helpers shared by every module: a mutable DOM (RapidJSON) for objects kbulk edits, and a
// streaming writer. Hot read paths (API pages, archive records) use simdjson inside their own module;
// this header stays light so it can be included widely.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace kbulk {

using JsonDocument = rapidjson::Document;
using JsonValue = rapidjson::Value;
using JsonAllocator = rapidjson::Document::AllocatorType;

// How deep arrays and objects may nest in JSON from outside (archives, API responses, request bodies).
// Far beyond anything the API returns (components nest 6 levels, a few JSON levels each), far below what
// the recursive code that walks a parsed document (serializers, rewriters, canonicalizers) can take.
inline constexpr int kMaxJsonDepth = 256;

// Fails with kCorrupt, naming `what`, when arrays and objects in `json` nest deeper than `max_depth`.
// One pass over the bytes (strings and escapes skipped), no allocation: cheap enough for every record.
Status CheckJsonDepth(std::string_view json, std::string_view what, int max_depth = kMaxJsonDepth);

// Parses a complete JSON text (full number precision) that nests at most `max_depth` levels; deeper text
// is refused before it is parsed (kInvalidArgument, "nests deeper than"), and the parser itself is
// iterative, so no input can exhaust the stack. Error messages give the byte offset.
Result<JsonDocument> ParseJson(std::string_view text, int max_depth = kMaxJsonDepth);

// Compact serialization of a value.
std::string ToJsonString(const JsonValue& value);

// Member access that never throws or asserts: nullopt / nullptr when absent or of another type.
const JsonValue* Member(const JsonValue& object, std::string_view key);
std::optional<std::string_view> StringMember(const JsonValue& object, std::string_view key);
std::optional<std::int64_t> IntMember(const JsonValue& object, std::string_view key);
std::optional<bool> BoolMember(const JsonValue& object, std::string_view key);

// A JSON string value copied into `allocator`.
inline JsonValue MakeString(std::string_view s, JsonAllocator& allocator) {
  return JsonValue(s.data(), static_cast<rapidjson::SizeType>(s.size()), allocator);
}

// Appends compact JSON to an owned string buffer. Not thread-safe.
class JsonWriter {
 public:
  JsonWriter() : writer_(buffer_) {}

  JsonWriter& StartObject() {
    writer_.StartObject();
    return *this;
  }
  JsonWriter& EndObject() {
    writer_.EndObject();
    return *this;
  }
  JsonWriter& StartArray() {
    writer_.StartArray();
    return *this;
  }
  JsonWriter& EndArray() {
    writer_.EndArray();
    return *this;
  }
  JsonWriter& Key(std::string_view k) {
    writer_.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
    return *this;
  }
  JsonWriter& String(std::string_view s) {
    writer_.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    return *this;
  }
  JsonWriter& Int(std::int64_t v) {
    writer_.Int64(v);
    return *this;
  }
  JsonWriter& Uint(std::uint64_t v) {
    writer_.Uint64(v);
    return *this;
  }
  JsonWriter& Double(double v) {
    writer_.Double(v);
    return *this;
  }
  JsonWriter& Bool(bool v) {
    writer_.Bool(v);
    return *this;
  }
  JsonWriter& Null() {
    writer_.Null();
    return *this;
  }
  // Inserts an already-serialized JSON value (e.g. a raw API object) as the next value.
  JsonWriter& Raw(std::string_view json) {
    writer_.RawValue(json.data(), json.size(), rapidjson::kObjectType);
    return *this;
  }
  JsonWriter& Value(const JsonValue& v) {
    v.Accept(writer_);
    return *this;
  }

  std::string_view view() const { return {buffer_.GetString(), buffer_.GetSize()}; }
  std::string str() const { return std::string(view()); }
  void Clear() {
    buffer_.Clear();
    writer_.Reset(buffer_);
  }

 private:
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

}  // namespace kbulk
