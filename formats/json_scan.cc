// A minimal JSON value skipper: enough structure to find where a member's value starts and ends.
#include "formats/json_scan.h"

namespace kbulk::formats {
namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  void SkipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }
  bool Consume(char c) {
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  // A string token; returns its raw contents (without quotes, escapes untouched).
  std::optional<std::string_view> String() {
    SkipSpace();
    if (pos_ >= s_.size() || s_[pos_] != '"') return std::nullopt;
    std::size_t start = ++pos_;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '\\') {
        pos_ += 2;
        continue;
      }
      if (c == '"') return s_.substr(start, pos_++ - start);
      ++pos_;
    }
    return std::nullopt;
  }
  // Skips one value; returns its raw text.
  std::optional<std::string_view> Value() {
    SkipSpace();
    if (pos_ >= s_.size()) return std::nullopt;
    std::size_t start = pos_;
    char c = s_[pos_];
    if (c == '"') {
      if (!String()) return std::nullopt;
    } else if (c == '{' || c == '[') {
      int depth = 0;
      while (pos_ < s_.size()) {
        char d = s_[pos_];
        if (d == '"') {
          if (!String()) return std::nullopt;
          continue;
        }
        if (d == '{' || d == '[') ++depth;
        if (d == '}' || d == ']') {
          if (--depth == 0) {
            ++pos_;
            break;
          }
        }
        ++pos_;
      }
      if (depth != 0) return std::nullopt;
    } else {
      while (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != '}' && s_[pos_] != ']' && s_[pos_] != ' ' &&
             s_[pos_] != '\n' && s_[pos_] != '\t' && s_[pos_] != '\r') {
        ++pos_;
      }
      if (pos_ == start) return std::nullopt;
    }
    return s_.substr(start, pos_ - start);
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<std::string_view> RawMember(std::string_view object_json, std::string_view key) {
  Scanner scan(object_json);
  if (!scan.Consume('{')) return std::nullopt;
  if (scan.Consume('}')) return std::nullopt;
  for (;;) {
    auto name = scan.String();
    if (!name || !scan.Consume(':')) return std::nullopt;
    auto value = scan.Value();
    if (!value) return std::nullopt;
    if (*name == key) return value;
    if (scan.Consume(',')) continue;
    return std::nullopt;
  }
}

}  // namespace kbulk::formats
