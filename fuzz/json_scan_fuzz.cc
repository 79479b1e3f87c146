// libFuzzer target: formats/json_scan.h (RawMember), which finds a member's raw text without parsing. On
// arbitrary bytes it must stay inside the input; a value it finds is a substring of the input and, looked
// up again inside itself when it is an object, behaves the same way.
#include <cstdint>
#include <string>

#include "formats/json_scan.h"
#include "fuzz_input.h"

using namespace kbulk;

namespace {

void Check(std::string_view json, std::string_view key, int depth) {
  auto value = formats::RawMember(json, key);
  if (!value) return;
  fuzz::Require(value->data() >= json.data() && value->data() + value->size() <= json.data() + json.size(),
                "a member's value lies inside the object text");
  fuzz::Require(!value->empty(), "a member's value is not empty");
  if (depth < 4 && value->front() == '{') {
    for (std::string_view inner : {"kbulk", "version", "blob", "renditions", "id"}) Check(*value, inner, depth + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input = fuzz::AsView(data, size);
  std::size_t key_size = fuzz::TakeByte(input) % 8;
  std::string key(input.substr(0, std::min(key_size, input.size())));
  input.remove_prefix(std::min(key_size, input.size()));
  // Copy so reads past the end are caught by ASan.
  std::string json(input);
  Check(json, key, 0);
  for (std::string_view k : {"kbulk", "variant", "asset", "codename"}) Check(json, k, 0);
  return 0;
}
