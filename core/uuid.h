// UUIDs as the API uses them: lowercase 8-4-4-4-12 hex. Internal ids of every object are UUIDs.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace kbulk {

class Uuid {
 public:
  Uuid() = default;  // the nil UUID
  explicit Uuid(const std::array<std::uint8_t, 16>& bytes) : bytes_(bytes) {}

  // Accepts 8-4-4-4-12 hex in either case, with or without surrounding braces; nothing else.
  static std::optional<Uuid> Parse(std::string_view text);
  static bool IsValid(std::string_view text) { return Parse(text).has_value(); }

  // A random (version 4) UUID from the given generator; callers seed it for determinism.
  static Uuid Random(std::mt19937_64& rng);
  // A name-based UUID (version 5 layout over SHA-256 truncated): the same name always gives the same id.
  // Used for stable ids derived from other ids (e.g. external ids for objects that had none).
  static Uuid FromName(std::string_view namespace_name, std::string_view name);

  std::string ToString() const;  // lowercase, hyphenated
  bool IsNil() const;
  const std::array<std::uint8_t, 16>& bytes() const { return bytes_; }

  friend bool operator==(const Uuid&, const Uuid&) = default;
  friend auto operator<=>(const Uuid&, const Uuid&) = default;

 private:
  std::array<std::uint8_t, 16> bytes_{};
};

}  // namespace kbulk
