// Manifest building and parsing.
#include "formats/manifest.h"

#include <ctime>

#include "core/json.h"
#include "core/version.h"
#include "formats/archive_layout.h"

namespace kbulk::formats {

std::string NowRfc3339() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string BuildManifestJson(const ManifestInfo& info) {
  JsonWriter w;
  w.StartObject();
  w.Key("format").String(kFormatName);
  w.Key("format_version").String(kFormatVersion);
  w.Key("tool").StartObject().Key("name").String("kbulk").Key("version").String(KBULK_VERSION);
  w.Key("commit").String(KBULK_GIT_COMMIT).EndObject();
  w.Key("created_at").String(info.created_at.empty() ? NowRfc3339() : info.created_at);
  w.Key("source").Raw(info.source_json.empty() ? "{}" : info.source_json);
  w.Key("options").Raw(info.options_json.empty() ? "{}" : info.options_json);
  if (!info.base_json.empty()) w.Key("base").Raw(info.base_json);
  w.Key("missing").StartArray();
  for (const std::string& m : info.missing_json) w.Raw(m);
  w.EndArray();
  w.EndObject();
  return w.str();
}

Result<Manifest> ParseManifest(std::string_view json) {
  auto parsed = ParseJson(json);
  if (!parsed.ok()) return Corrupt("kbulk.json: not valid JSON: " + parsed.status().message());
  const JsonDocument& doc = parsed.value();
  if (!doc.IsObject()) return Corrupt("kbulk.json: not a JSON object");
  if (StringMember(doc, "format") != kFormatName) return Corrupt("kbulk.json: \"format\" is not \"kbulk\"");
  auto version = StringMember(doc, "format_version");
  if (!version) return Corrupt("kbulk.json: missing \"format_version\"");
  Manifest m;
  m.format_version = *version;
  std::size_t dot = version->find('.');
  try {
    if (dot == std::string_view::npos) throw std::invalid_argument("no dot");
    std::size_t used = 0;
    m.major = std::stoi(std::string(version->substr(0, dot)), &used);
    if (used != dot) throw std::invalid_argument("major");
    std::string minor(version->substr(dot + 1));
    m.minor = std::stoi(minor, &used);
    if (used != minor.size()) throw std::invalid_argument("minor");
  } catch (const std::exception&) {
    return Corrupt("kbulk.json: \"format_version\" '" + m.format_version + "' is not MAJOR.MINOR");
  }
  if (m.major != kFormatMajor) {
    return Unsupported("kbulk.json: format version " + m.format_version + " is not readable by this kbulk (reads 1.x)");
  }
  if (const JsonValue* tool = Member(doc, "tool"); tool != nullptr && tool->IsObject()) {
    m.tool_version = StringMember(*tool, "version").value_or("");
    m.tool_commit = StringMember(*tool, "commit").value_or("");
  }
  m.created_at = StringMember(doc, "created_at").value_or("");
  m.raw = std::string(json);
  return m;
}

}  // namespace kbulk::formats
