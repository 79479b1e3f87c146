// Tokens are base64 of "p<seq>", like the service's opaque base64 tokens.
#include "emulator/pagination.h"

#include <charconv>

namespace kbulk::emulator {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64(std::string_view in) {
  std::string out;
  std::uint32_t buf = 0;
  int bits = 0;
  for (unsigned char c : in) {
    buf = (buf << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buf >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(buf << (6 - bits)) & 63];
  while (out.size() % 4 != 0) out += '=';
  return out;
}

std::optional<std::string> Unbase64(std::string_view in) {
  std::string out;
  std::uint32_t buf = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    const char* p = std::char_traits<char>::find(kAlphabet, 64, c);
    if (p == nullptr) return std::nullopt;
    buf = (buf << 6) | static_cast<std::uint32_t>(p - kAlphabet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xff);
    }
  }
  return out;
}

}  // namespace

std::string EncodeContinuation(std::uint64_t next_seq) {
  std::string text = "p";
  text += std::to_string(next_seq);
  return Base64(text);
}

std::optional<std::uint64_t> DecodeContinuation(std::string_view token) {
  auto text = Unbase64(token);
  if (!text || text->size() < 2 || (*text)[0] != 'p') return std::nullopt;
  std::uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(text->data() + 1, text->data() + text->size(), v);
  if (ec != std::errc() || ptr != text->data() + text->size() || v == 0) return std::nullopt;
  return v;
}

std::optional<std::uint64_t> RequestedPosition(const ApiRequest& request) {
  std::string_view token = request.Header("x-continuation");
  if (token.empty()) {
    auto it = request.query.find("continuationToken");
    if (it != request.query.end()) token = it->second;
  }
  if (token.empty()) return 0;
  return DecodeContinuation(token);
}

void WritePagination(JsonWriter& w, const ApiRequest& request, std::uint64_t next_seq) {
  w.Key("pagination").StartObject();
  if (next_seq == 0) {
    w.Key("continuation_token").Null().Key("next_page").Null();
  } else {
    std::string token = EncodeContinuation(next_seq);
    w.Key("continuation_token").String(token);
    std::string escaped;
    for (char c : token) {
      if (c == '+')
        escaped += "%2B";
      else if (c == '/')
        escaped += "%2F";
      else if (c == '=')
        escaped += "%3D";
      else
        escaped += c;
    }
    w.Key("next_page").String(request.base_url + request.path + "?continuationToken=" + escaped);
  }
  w.EndObject();
}

}  // namespace kbulk::emulator
