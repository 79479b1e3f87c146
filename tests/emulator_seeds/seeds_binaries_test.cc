// The generated files are real files: PNG chunks carry correct CRCs and the image data inflates (zlib) to
// the declared size; the JPEG's segments are well formed and its entropy-coded data decodes to the
// declared number of blocks; the PDF's xref offsets point at their objects; the SVG is a complete document.
#include <zlib.h>
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "emulator/seeds/binaries.h"

namespace kbulk::emulator::testing {
namespace {

std::uint32_t U32(const std::string& s, std::size_t at) {
  return (std::uint32_t(std::uint8_t(s[at])) << 24) | (std::uint32_t(std::uint8_t(s[at + 1])) << 16) |
         (std::uint32_t(std::uint8_t(s[at + 2])) << 8) | std::uint32_t(std::uint8_t(s[at + 3]));
}
std::uint32_t U16(const std::string& s, std::size_t at) {
  return (std::uint32_t(std::uint8_t(s[at])) << 8) | std::uint32_t(std::uint8_t(s[at + 1]));
}

TEST_CASE("binaries: checksums agree with zlib") {
  const std::string text = "The quick brown fox jumps over the lazy dog";
  CHECK(Crc32(text) == crc32(0, reinterpret_cast<const Bytef*>(text.data()), text.size()));
  CHECK(Adler32(text) == adler32(1, reinterpret_cast<const Bytef*>(text.data()), text.size()));
}

TEST_CASE("binaries: PNG chunks have correct CRCs and the pixels inflate") {
  for (auto [w, h] : {std::pair{64, 48}, std::pair{1, 1}, std::pair{300, 120}}) {  // 300x120 needs two deflate blocks
    const std::string png = MakePng(w, h, {0, 0, 0}, {255, 128, 0});
    REQUIRE(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    std::size_t at = 8;
    std::vector<std::string> order;
    std::string idat;
    while (at < png.size()) {
      REQUIRE(at + 12 <= png.size());
      std::uint32_t length = U32(png, at);
      std::string type = png.substr(at + 4, 4);
      REQUIRE(at + 12 + length <= png.size());
      std::uint32_t stored = U32(png, at + 8 + length);
      CHECK(stored == crc32(0, reinterpret_cast<const Bytef*>(png.data() + at + 4), length + 4));
      if (type == "IHDR") {
        CHECK(U32(png, at + 8) == std::uint32_t(w));
        CHECK(U32(png, at + 12) == std::uint32_t(h));
      }
      if (type == "IDAT") idat += png.substr(at + 8, length);
      order.push_back(type);
      at += 12 + length;
    }
    CHECK(order == std::vector<std::string>{"IHDR", "IDAT", "IEND"});
    uLongf size = static_cast<uLongf>(h * (1 + 3 * w));
    std::string pixels(size + 16, '\0');
    uLongf out = static_cast<uLongf>(pixels.size());
    REQUIRE(uncompress(reinterpret_cast<Bytef*>(pixels.data()), &out, reinterpret_cast<const Bytef*>(idat.data()),
                       idat.size()) == Z_OK);
    CHECK(out == size);
    for (int y = 0; y < h; ++y) CHECK(pixels[y * (1 + 3 * w)] == '\0');  // filter None on every row
  }
}

// Reads JPEG entropy-coded bits, skipping stuffed zero bytes.
struct BitReader {
  const std::string& s;
  std::size_t at;
  int bit = 0;
  int Next() {
    std::uint8_t byte = std::uint8_t(s[at]);
    int b = (byte >> (7 - bit)) & 1;
    if (++bit == 8) {
      bit = 0;
      at += (byte == 0xFF) ? 2 : 1;
    }
    return b;
  }
};

TEST_CASE("binaries: JPEG segments are well formed and the scan decodes to every block") {
  const std::string jpg = MakeJpeg(64, 48, {0x6f, 0x4e, 0x37}, {0xf3, 0xe5, 0xc8});
  REQUIRE(jpg.compare(0, 2, "\xFF\xD8") == 0);
  REQUIRE(jpg.compare(jpg.size() - 2, 2, "\xFF\xD9") == 0);
  std::size_t at = 2;
  std::vector<int> markers;
  std::map<int, std::map<std::pair<int, std::uint32_t>, int>> tables;  // class -> (length, code) -> symbol
  int width = 0, height = 0, components = 0;
  while (true) {
    REQUIRE(std::uint8_t(jpg[at]) == 0xFF);
    int marker = std::uint8_t(jpg[at + 1]);
    markers.push_back(marker);
    std::uint32_t length = U16(jpg, at + 2);
    if (marker == 0xC0) {
      CHECK(jpg[at + 4] == 8);
      height = int(U16(jpg, at + 5));
      width = int(U16(jpg, at + 7));
      components = jpg[at + 9];
    }
    if (marker == 0xC4) {  // canonical codes from the 16 counts
      int cls = std::uint8_t(jpg[at + 4]) >> 4;
      std::uint32_t code = 0;
      std::size_t value = at + 5 + 16;
      for (int len = 1; len <= 16; ++len) {
        for (int i = 0; i < jpg[at + 4 + len]; ++i) tables[cls][{len, code++}] = std::uint8_t(jpg[value++]);
        code <<= 1;
      }
      CHECK(value == at + 2 + length);
    }
    at += 2 + length;
    if (marker == 0xDA) break;
  }
  CHECK(markers == std::vector<int>{0xE0, 0xDB, 0xC0, 0xC4, 0xC4, 0xDA});
  CHECK(width == 64);
  CHECK(height == 48);
  CHECK(components == 3);

  BitReader bits{jpg, at};
  auto symbol = [&](int cls) {
    std::uint32_t code = 0;
    for (int len = 1; len <= 16; ++len) {
      code = (code << 1) | std::uint32_t(bits.Next());
      auto it = tables[cls].find({len, code});
      if (it != tables[cls].end()) return it->second;
    }
    FAIL("no Huffman code matched");
    return -1;
  };
  int blocks = 0;
  std::vector<int> dc(3, 0), first_dc;
  for (int mcu = 0; mcu < (64 / 8) * (48 / 8); ++mcu) {
    for (int c = 0; c < 3; ++c) {
      int category = symbol(0);
      int diff = 0;
      for (int i = 0; i < category; ++i) diff = (diff << 1) | bits.Next();
      if (category > 0 && diff < (1 << (category - 1))) diff -= (1 << category) - 1;
      dc[c] += diff;
      if (mcu == 0) first_dc.push_back(dc[c]);
      CHECK(symbol(1) == 0);  // EOB
      ++blocks;
    }
  }
  CHECK(blocks == 8 * 6 * 3);
  while (bits.bit != 0) CHECK(bits.Next() == 1);  // padding is one-bits
  CHECK(bits.at == jpg.size() - 2);               // then EOI
  // DC * 8 / 8 + 128 is the block's value: the first block is the first color in YCbCr.
  CHECK(first_dc[0] + 128 == Approx(0.299 * 0x6f + 0.587 * 0x4e + 0.114 * 0x37).margin(1));
}

TEST_CASE("binaries: PDF xref offsets point at their objects") {
  const std::string pdf = MakePdf("Guide (v2)", "Brew \\ with (care)");
  REQUIRE(pdf.rfind("%PDF-1.4\n", 0) == 0);
  REQUIRE(pdf.size() > 6);
  CHECK(pdf.substr(pdf.size() - 6) == "%%EOF\n");
  std::size_t sx = pdf.rfind("startxref\n");
  REQUIRE(sx != std::string::npos);
  std::size_t xref = std::stoul(pdf.substr(sx + 10));
  REQUIRE(pdf.compare(xref, 5, "xref\n") == 0);
  std::size_t line = pdf.find('\n', xref + 5);
  int count = std::stoi(pdf.substr(pdf.find(' ', xref) + 1));
  CHECK(count == 7);
  std::size_t entry = line + 1 + 20;  // skip the free entry of object 0
  for (int n = 1; n < count; ++n, entry += 20) {
    REQUIRE(pdf.compare(entry + 10, 10, " 00000 n \n") == 0);
    std::size_t offset = std::stoul(pdf.substr(entry, 10));
    std::string header = std::to_string(n) + " 0 obj\n";
    CHECK(pdf.compare(offset, header.size(), header) == 0);
  }
  std::size_t stream = pdf.find("stream\n");
  std::size_t end = pdf.find("\nendstream");
  std::size_t length_at = pdf.find("/Length ");
  CHECK(std::stoul(pdf.substr(length_at + 8)) == end - (stream + 7));
  CHECK(pdf.find("(Brew \\\\ with \\(care\\)) Tj") != std::string::npos);
}

TEST_CASE("binaries: SVG is a complete document with escaped text") {
  const std::string svg = MakeSvg(200, 80, "a < b & c");
  CHECK(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 0) == 0);
  CHECK(svg.find("width=\"200\" height=\"80\"") != std::string::npos);
  CHECK(svg.find("a &lt; b &amp; c") != std::string::npos);
  CHECK(svg.substr(svg.size() - 7) == "</svg>\n");
}

TEST_CASE("binaries: generation is deterministic") {
  CHECK(MakePng(10, 10, {1, 2, 3}, {4, 5, 6}) == MakePng(10, 10, {1, 2, 3}, {4, 5, 6}));
  CHECK(MakeJpeg(16, 16, {1, 2, 3}, {4, 5, 6}) == MakeJpeg(16, 16, {1, 2, 3}, {4, 5, 6}));
  CHECK(MakePdf("a", "b") == MakePdf("a", "b"));
}

}  // namespace
}  // namespace kbulk::emulator::testing
