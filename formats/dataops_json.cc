// JsonArraySplitter: a byte-level state machine over one JSON array (strings and escapes skipped).
#include "formats/dataops_json.h"

#include "core/json.h"
#include "formats/archive_layout.h"

namespace kbulk::formats {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

}  // namespace

Status JsonArraySplitter::Fail(std::string_view what) const {
  return Corrupt(Cat("zip entry '", entry_, "': bad JSON at byte ", std::to_string(offset_), ": ", what));
}

Status JsonArraySplitter::Emit(const ElementFn& on_element) {
  ++elements_;
  auto parsed = ParseJson(element_);
  if (!parsed.ok()) {
    return Corrupt(Cat("zip entry '", entry_, "': element ", std::to_string(elements_),
                       " is not valid JSON: ", parsed.status().message()));
  }
  KBULK_RETURN_IF_ERROR(on_element(elements_, element_));
  element_.clear();
  return Status::Ok();
}

Status JsonArraySplitter::Feed(std::string_view chunk, const ElementFn& on_element) {
  std::size_t element_begin = 0;  // where the current element's text starts in `chunk`
  for (std::size_t i = 0; i < chunk.size(); ++i, ++offset_) {
    char c = chunk[i];
    switch (state_) {
      case State::kStart:
        if (IsSpace(c) || (offset_ < 3 && c == "\xEF\xBB\xBF"[offset_])) continue;  // a byte order mark
        if (c != '[') return Fail("the entry must be one JSON array");
        state_ = State::kExpectElement;
        continue;
      case State::kExpectElement:
      case State::kAfterElement:
        if (IsSpace(c)) continue;
        if (c == ']' && (state_ == State::kAfterElement || elements_ == 0)) {
          state_ = State::kEnd;
          continue;
        }
        if (state_ == State::kAfterElement) {
          if (c != ',') return Fail("expected ',' or ']' after an element");
          state_ = State::kExpectElement;
          continue;
        }
        if (c != '{') return Fail("every element must be a JSON object");
        state_ = State::kElement;
        depth_ = 1;
        element_begin = i;
        continue;
      case State::kElement:
        if (in_string_) {
          if (escaped_) {
            escaped_ = false;
          } else if (c == '\\') {
            escaped_ = true;
          } else if (c == '"') {
            in_string_ = false;
          }
          continue;
        }
        if (c == '"') {
          in_string_ = true;
        } else if (c == '{' || c == '[') {
          ++depth_;
        } else if (c == '}' || c == ']') {
          if (--depth_ == 0) {
            element_.append(chunk.substr(element_begin, i + 1 - element_begin));
            if (element_.size() > max_element_size_) return Fail("an element is larger than the record limit");
            state_ = State::kAfterElement;
            KBULK_RETURN_IF_ERROR(Emit(on_element));
          }
        }
        continue;
      case State::kEnd:
        if (!IsSpace(c)) return Fail("text after the end of the array");
        continue;
    }
  }
  if (state_ == State::kElement) {
    element_.append(chunk.substr(element_begin));
    if (element_.size() > max_element_size_) return Fail("an element is larger than the record limit");
  }
  return Status::Ok();
}

Status JsonArraySplitter::Finish() const {
  if (state_ != State::kEnd) {
    return Corrupt(Cat("zip entry '", entry_, "': the JSON array ends early (after ", std::to_string(elements_),
                       " elements, at byte ", std::to_string(offset_), ")"));
  }
  return Status::Ok();
}

Status CheckJsonObject(std::string_view json, std::string_view entry) {
  auto parsed = ParseJson(json);
  if (!parsed.ok()) return Corrupt(Cat("zip entry '", entry, "': not valid JSON: ", parsed.status().message()));
  if (!parsed->IsObject()) return Corrupt(Cat("zip entry '", entry, "': must be a JSON object"));
  return Status::Ok();
}

}  // namespace kbulk::formats
