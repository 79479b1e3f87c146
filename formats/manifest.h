// The archive manifest (kbulk.json, always the first entry): format and version, the tool that wrote it,
// when, from which environment, with which options, and which objects are missing from a partial export.
// Nothing secret belongs here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace kbulk::formats {

// What a writer supplies. JSON-valued fields hold compact JSON text and are copied verbatim.
struct ManifestInfo {
  std::string created_at;                 // RFC 3339 UTC; empty = now
  std::string source_json = "{}";         // {"environment_id","environment_name","project_id","project_name",...}
  std::string options_json = "{}";        // the export options used (filters, languages, versions, ...)
  std::vector<std::string> missing_json;  // objects a partial export could not read: {"kind","id","reason"}
  std::string base_json;                  // 1.1: an incremental export's base {"file","created_at",...}; empty = none
};

std::string BuildManifestJson(const ManifestInfo& info);

// What a reader learns from kbulk.json. Unknown fields are ignored (and kept in `raw`).
struct Manifest {
  std::string format_version;  // "1.0"
  int major = 0;
  int minor = 0;
  std::string tool_version;
  std::string tool_commit;
  std::string created_at;
  std::string raw;  // the manifest's JSON text as stored
};

// Fails with kCorrupt when the text is not a kbulk manifest and with kUnsupported when its major
// version is not 1. A newer minor version is accepted (see the compatibility policy).
Result<Manifest> ParseManifest(std::string_view json);

// The current UTC time as RFC 3339 with seconds ("2026-11-23T08:00:00Z").
std::string NowRfc3339();

}  // namespace kbulk::formats
