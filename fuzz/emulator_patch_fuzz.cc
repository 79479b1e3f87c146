// libFuzzer target: the emulator's request-body parsing (ParseJson, as ParseBody does) and its patch
// operations (emulator/json_patch.h on a content type, emulator/property_patch.h on a language) on
// arbitrary bodies. Problems must come back as validation errors; nothing may crash.
#include <cstdint>
#include <string>

#include "core/json.h"
#include "emulator/json_patch.h"
#include "emulator/property_patch.h"
#include "fuzz_input.h"

using namespace kbulk;
using namespace kbulk::emulator;

namespace {

constexpr std::string_view kType =
    R"({"id":"0b8a0d5a-7d43-4a5c-9f2b-6f4c3b3a2a10","name":"Article","codename":"article",
"external_id":"article","last_modified":"2026-11-30T00:00:00Z","content_groups":[],
"elements":[{"id":"1b8a0d5a-7d43-4a5c-9f2b-6f4c3b3a2a10","name":"Title","codename":"title","type":"text"},
{"id":"2b8a0d5a-7d43-4a5c-9f2b-6f4c3b3a2a10","name":"Options","codename":"options","type":"multiple_choice",
"mode":"single","options":[{"id":"3b8a0d5a-7d43-4a5c-9f2b-6f4c3b3a2a10","name":"A","codename":"a"}]}]})";

constexpr std::string_view kLanguage = R"({"id":"00000000-0000-0000-0000-000000000000","name":"Default",
"codename":"default","external_id":"default","is_active":true,"is_default":true,"fallback_language":{"id":"00000000-0000-0000-0000-000000000000"}})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto body = ParseJson(fuzz::AsView(data, size));
  if (!body.ok()) return 0;
  JsonDocument type = ParseJson(kType).value();
  (void)ApplyPatch(type, *body);
  (void)ToJsonString(type);
  JsonDocument language = ParseJson(kLanguage).value();
  (void)ApplyPropertyPatch(language, *body, {"name", "codename", "is_active", "fallback_language"},
                           [](const std::string&, JsonValue&, JsonAllocator&) { return std::string(); });
  (void)ToJsonString(language);
  return 0;
}
