// Helpers shared by the libFuzzer targets: the input as a string_view, a selector byte, and an in-memory
// ByteSource that hands the bytes out in chunks of input-chosen sizes (so chunk boundaries are fuzzed too).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "formats/byte_stream.h"

namespace kbulk::fuzz {

inline std::string_view AsView(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Takes the first byte of `input` (0 when empty) and removes it.
inline std::uint8_t TakeByte(std::string_view& input) {
  if (input.empty()) return 0;
  auto b = static_cast<std::uint8_t>(input.front());
  input.remove_prefix(1);
  return b;
}

// Fails loudly: a broken invariant is a finding, like a crash.
inline void Require(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

// Hands out `data` in chunks of at most `chunk` bytes (at least 1).
class ChunkedSource final : public formats::ByteSource {
 public:
  ChunkedSource(std::string_view data, std::size_t chunk) : data_(data), chunk_(std::max<std::size_t>(chunk, 1)) {}
  Result<std::size_t> Read(void* buffer, std::size_t capacity) override {
    std::size_t n = std::min({capacity, chunk_, data_.size() - pos_});
    std::memcpy(buffer, data_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 private:
  std::string_view data_;
  std::size_t chunk_;
  std::size_t pos_ = 0;
};

}  // namespace kbulk::fuzz
