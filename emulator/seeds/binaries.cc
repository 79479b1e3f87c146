// File generators for the seeds. Nothing here compresses: the PNG uses stored deflate blocks and the
// JPEG codes only each block's DC coefficient (uniform 8x8 blocks), which every decoder accepts.
#include "emulator/seeds/binaries.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

namespace kbulk::emulator {
namespace {

void PutU32Be(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

void PutU16Be(std::string& out, std::uint32_t v) {
  out.push_back(static_cast<char>((v >> 8) & 0xFF));
  out.push_back(static_cast<char>(v & 0xFF));
}

void PutPngChunk(std::string& out, std::string_view type, std::string_view data) {
  PutU32Be(out, static_cast<std::uint32_t>(data.size()));
  std::string body(type);
  body.append(data);
  out.append(body);
  PutU32Be(out, Crc32(body));
}

std::uint8_t Mix(std::uint8_t a, std::uint8_t b, int num, int den) {
  return static_cast<std::uint8_t>((a * (den - num) + b * num) / den);
}

// Writes JPEG entropy-coded bits MSB first, stuffing a zero byte after every 0xFF.
class JpegBitWriter {
 public:
  explicit JpegBitWriter(std::string& out) : out_(out) {}
  void Put(std::uint32_t code, int length) {
    for (int i = length - 1; i >= 0; --i) {
      acc_ = static_cast<std::uint8_t>((acc_ << 1) | ((code >> i) & 1));
      if (++bits_ == 8) Flush();
    }
  }
  void Finish() {  // pads the last byte with one-bits, as the standard asks
    while (bits_ != 0) Put(1, 1);
  }

 private:
  void Flush() {
    out_.push_back(static_cast<char>(acc_));
    if (acc_ == 0xFF) out_.push_back('\0');
    acc_ = 0;
    bits_ = 0;
  }
  std::string& out_;
  std::uint8_t acc_ = 0;
  int bits_ = 0;
};

// The luminance DC table of ITU T.81 Annex K (categories 0..11) and an AC table holding only EOB.
constexpr std::array<std::uint8_t, 16> kDcBits = {0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0};
constexpr std::array<std::uint8_t, 12> kDcValues = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
constexpr std::array<std::uint8_t, 16> kAcBits = {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
constexpr std::uint8_t kQuant = 8;  // with every quantizer 8, a uniform block's DC coefficient is value - 128

struct HuffCode {
  std::uint32_t code = 0;
  int length = 0;
};

// Canonical Huffman codes (T.81 Annex C) for the DC categories.
std::array<HuffCode, 12> DcCodes() {
  std::array<HuffCode, 12> codes{};
  std::uint32_t code = 0;
  std::size_t k = 0;
  for (int length = 1; length <= 16; ++length) {
    for (int i = 0; i < kDcBits[length - 1]; ++i) codes[kDcValues[k++]] = {code++, length};
    code <<= 1;
  }
  return codes;
}

int Category(int v) {
  int magnitude = v < 0 ? -v : v;
  int category = 0;
  while (magnitude > 0) {
    ++category;
    magnitude >>= 1;
  }
  return category;
}

std::array<int, 3> YCbCr(Rgb c) {
  auto clamp = [](double v) { return static_cast<int>(v < 0 ? 0 : v > 255 ? 255 : v + 0.5); };
  return {clamp(0.299 * c.r + 0.587 * c.g + 0.114 * c.b), clamp(128 - 0.168736 * c.r - 0.331264 * c.g + 0.5 * c.b),
          clamp(128 + 0.5 * c.r - 0.418688 * c.g - 0.081312 * c.b)};
}

std::string PdfEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '(' || c == ')' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string XmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::uint32_t Crc32(std::string_view bytes, std::uint32_t crc) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  crc = ~crc;
  for (unsigned char b : bytes) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

std::uint32_t Adler32(std::string_view bytes) {
  std::uint32_t a = 1, b = 0;
  for (unsigned char c : bytes) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  return (b << 16) | a;
}

std::string MakePng(int width, int height, Rgb from, Rgb to) {
  std::string raw;  // filter type 0 (None) before every row
  raw.reserve(static_cast<std::size_t>(height) * (1 + 3 * static_cast<std::size_t>(width)));
  const int span = width + height - 2 > 0 ? width + height - 2 : 1;
  for (int y = 0; y < height; ++y) {
    raw.push_back('\0');
    for (int x = 0; x < width; ++x) {
      raw.push_back(static_cast<char>(Mix(from.r, to.r, x + y, span)));
      raw.push_back(static_cast<char>(Mix(from.g, to.g, x + y, span)));
      raw.push_back(static_cast<char>(Mix(from.b, to.b, x + y, span)));
    }
  }
  std::string zlib = {'\x78', '\x01'};            // deflate, 32K window, no preset dictionary, fastest
  for (std::size_t pos = 0; pos < raw.size();) {  // raw is never empty: at least one filter byte
    std::size_t n = std::min<std::size_t>(raw.size() - pos, 65535);
    bool last = pos + n == raw.size();
    zlib.push_back(last ? '\x01' : '\x00');  // BFINAL, BTYPE=00 (stored)
    zlib.push_back(static_cast<char>(n & 0xFF));
    zlib.push_back(static_cast<char>(n >> 8));
    zlib.push_back(static_cast<char>(~n & 0xFF));
    zlib.push_back(static_cast<char>((~n >> 8) & 0xFF));
    zlib.append(raw, pos, n);
    pos += n;
  }
  PutU32Be(zlib, Adler32(raw));

  std::string png = "\x89PNG\r\n\x1a\n";
  std::string ihdr;
  PutU32Be(ihdr, static_cast<std::uint32_t>(width));
  PutU32Be(ihdr, static_cast<std::uint32_t>(height));
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // bit depth 8, color type RGB, deflate, no filter, no interlace
  PutPngChunk(png, "IHDR", ihdr);
  PutPngChunk(png, "IDAT", zlib);
  PutPngChunk(png, "IEND", "");
  return png;
}

std::string MakeJpeg(int width, int height, Rgb a, Rgb b) {
  std::string j = "\xFF\xD8";                                                            // SOI
  j += std::string("\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 18);  // APP0, JFIF 1.01
  j += std::string("\xFF\xDB\x00\x43\x00", 5);                                           // DQT: table 0, 8-bit
  j.append(64, static_cast<char>(kQuant));
  j += "\xFF\xC0";  // SOF0: 8-bit, 3 components, no subsampling, all on quant table 0
  PutU16Be(j, 17);
  j.push_back('\x08');
  PutU16Be(j, static_cast<std::uint32_t>(height));
  PutU16Be(j, static_cast<std::uint32_t>(width));
  j += std::string("\x03\x01\x11\x00\x02\x11\x00\x03\x11\x00", 10);
  j += "\xFF\xC4";  // DHT: DC table 0
  PutU16Be(j, 2 + 1 + 16 + kDcValues.size());
  j.push_back('\x00');
  for (auto n : kDcBits) j.push_back(static_cast<char>(n));
  for (auto v : kDcValues) j.push_back(static_cast<char>(v));
  j += "\xFF\xC4";  // DHT: AC table 0, one code: EOB
  PutU16Be(j, 2 + 1 + 16 + 1);
  j.push_back('\x10');
  for (auto n : kAcBits) j.push_back(static_cast<char>(n));
  j.push_back('\x00');
  j += std::string("\xFF\xDA\x00\x0C\x03\x01\x00\x02\x00\x03\x00\x00\x3F\x00", 14);  // SOS, all tables 0

  const auto dc = DcCodes();
  const std::array<std::array<int, 3>, 2> colors = {YCbCr(a), YCbCr(b)};
  std::array<int, 3> previous = {0, 0, 0};
  JpegBitWriter bits(j);
  for (int by = 0; by < height / 8; ++by) {
    for (int bx = 0; bx < width / 8; ++bx) {
      const auto& color = colors[(bx + by) % 2];
      for (int c = 0; c < 3; ++c) {
        int coefficient = color[c] - 128;
        int diff = coefficient - previous[c];
        previous[c] = coefficient;
        int category = Category(diff);
        bits.Put(dc[category].code, dc[category].length);
        if (category > 0) {
          std::uint32_t extra =
              diff >= 0 ? static_cast<std::uint32_t>(diff) : static_cast<std::uint32_t>(diff + (1 << category) - 1);
          bits.Put(extra, category);
        }
        bits.Put(0, 1);  // EOB: every AC coefficient is zero
      }
    }
  }
  bits.Finish();
  j += "\xFF\xD9";  // EOI
  return j;
}

std::string MakeSvg(int width, int height, std::string_view text) {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n"
                "  <rect x=\"4\" y=\"4\" width=\"%d\" height=\"%d\" rx=\"12\" fill=\"#6f4e37\"/>\n",
                width, height, width, height, width - 8, height - 8);
  std::string svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  svg += buf;
  std::snprintf(buf, sizeof buf,
                "  <text x=\"%d\" y=\"%d\" font-family=\"sans-serif\" font-size=\"20\" fill=\"#fff8e7\" "
                "text-anchor=\"middle\">",
                width / 2, height / 2 + 7);
  svg += buf;
  svg += XmlEscape(text);
  svg += "</text>\n</svg>\n";
  return svg;
}

std::string MakePdf(std::string_view title, std::string_view line) {
  std::string content = "BT /F1 24 Tf 72 720 Td (" + PdfEscape(line) + ") Tj ET";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> "
      ">>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Title (" + PdfEscape(title) + ") /Producer (kbulk sample seed) >>",
  };
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  char entry[32];
  for (std::size_t offset : offsets) {
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R /Info 6 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace kbulk::emulator
