// SHA-256 against known vectors, incremental and one-shot.
#include <catch2/catch.hpp>

#include "core/sha256.h"

TEST_CASE("sha256 matches the standard test vectors") {
  CHECK(kbulk::Sha256::HexOf("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(kbulk::Sha256::HexOf("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  kbulk::Sha256 h;
  h.Update("a");
  h.Update("bc");
  CHECK(h.FinishHex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(h.FinishHex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
