// Incremental SHA-256 (OpenSSL libcrypto underneath), for blob hashes and archive checksums.
// Not thread-safe: one hasher per stream.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace kbulk {

class Sha256 {
 public:
  using Digest = std::array<std::uint8_t, 32>;

  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;

  void Update(const void* data, std::size_t size);
  void Update(std::string_view data) { Update(data.data(), data.size()); }
  // Finishes the hash; the hasher may be reused afterwards (it is reset).
  Digest Finish();
  std::string FinishHex() { return ToHex(Finish()); }

  static std::string ToHex(const Digest& digest);
  static std::string HexOf(std::string_view data);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace kbulk
