// Uses kbulk's installed headers and libraries: hashes a string (core) and parses a manifest (formats).
#include <iostream>

#include "core/sha256.h"
#include "formats/manifest.h"

int main() {
  std::cout << "sha256(abc)=" << kbulk::Sha256::HexOf("abc") << "\n";
  auto manifest = kbulk::formats::ParseManifest("{\"format\": 1}");
  std::cout << "manifest: " << (manifest.ok() ? std::string("ok") : manifest.status().message()) << "\n";
  return 0;
}
