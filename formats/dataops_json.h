// Splits one JSON array, arriving in chunks, into the exact text of its elements, one at a time, so a
// data-ops entry (one JSON array per entity kind) is read with memory bounded by one element. Elements
// must be JSON objects; each is checked for well-formedness (nesting depth, syntax) before it is handed
// out. Errors name the entry and the element number.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace kbulk::formats {

class JsonArraySplitter {
 public:
  using ElementFn = std::function<Status(std::uint64_t number, std::string_view json)>;

  JsonArraySplitter(std::string entry, std::uint64_t max_element_size)
      : entry_(std::move(entry)), max_element_size_(max_element_size) {}

  // Calls `on_element` for every element completed by `chunk` (numbers count from 1).
  Status Feed(std::string_view chunk, const ElementFn& on_element);
  // Fails when the entry ended before the array was closed.
  Status Finish() const;

  std::uint64_t elements() const { return elements_; }

 private:
  enum class State { kStart, kExpectElement, kElement, kAfterElement, kEnd };
  Status Fail(std::string_view what) const;
  Status Emit(const ElementFn& on_element);

  std::string entry_;
  std::uint64_t max_element_size_;
  State state_ = State::kStart;
  std::string element_;
  int depth_ = 0;
  bool in_string_ = false;
  bool escaped_ = false;
  std::uint64_t elements_ = 0;
  std::uint64_t offset_ = 0;  // bytes fed so far, for messages
};

// A whole JSON document that must be an object (webSpotlight.json, previewUrls.json, metadata.json).
Status CheckJsonObject(std::string_view json, std::string_view entry);

}  // namespace kbulk::formats
