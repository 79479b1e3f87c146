// Trailer index serialization, parsing and digest.
#include "formats/archive_index.h"

#include <simdjson.h>

#include "core/json.h"
#include "core/sha256.h"
#include "formats/archive_layout.h"

namespace kbulk::formats {

void ArchiveIndex::Add(IndexEntry entry, std::string_view kind_name) {
  if (!kind_name.empty()) {
    KindTotal& total = totals[std::string(kind_name)];
    total.records += kind_name == "blobs" ? 1 : entry.records;
    total.bytes += entry.size;
  }
  entries.push_back(std::move(entry));
}

std::string ArchiveIndex::ComputeDigest() const {
  Sha256 hash;
  for (const IndexEntry& e : entries) {
    hash.Update("entry " + e.path + "\t" + std::to_string(e.size) + "\t" + std::to_string(e.records) + "\t" + e.sha256 +
                "\n");
  }
  for (const auto& [kind, total] : totals) {
    hash.Update("total " + kind + "\t" + std::to_string(total.records) + "\t" + std::to_string(total.bytes) + "\n");
  }
  for (const std::string& m : missing_json) hash.Update("missing " + m + "\n");
  if (reuse) {
    hash.Update("reuse " + std::to_string(reuse->published_versions) + "\t" +
                std::to_string(reuse->published_absences) + "\t" + std::to_string(reuse->binaries) + "\t" +
                std::to_string(reuse->requests_saved) + "\n");
  }
  return hash.FinishHex();
}

std::string ArchiveIndex::ToJson() const {
  JsonWriter w;
  w.StartObject();
  w.Key("format").String("kbulk-index");
  w.Key("format_version").String(kFormatVersion);
  w.Key("entries").StartArray();
  for (const IndexEntry& e : entries) {
    w.StartObject();
    w.Key("path").String(e.path);
    w.Key("size").Uint(e.size);
    w.Key("records").Uint(e.records);
    w.Key("sha256").String(e.sha256);
    w.EndObject();
  }
  w.EndArray();
  w.Key("totals").StartObject();
  for (const auto& [kind, total] : totals) {
    w.Key(kind).StartObject().Key("records").Uint(total.records).Key("bytes").Uint(total.bytes).EndObject();
  }
  w.EndObject();
  if (!missing_json.empty()) {
    w.Key("missing").StartArray();
    for (const std::string& m : missing_json) w.Raw(m);
    w.EndArray();
  }
  if (reuse) {
    w.Key("reuse").StartObject();
    w.Key("published_versions").Uint(reuse->published_versions);
    w.Key("published_absences").Uint(reuse->published_absences);
    w.Key("binaries").Uint(reuse->binaries);
    w.Key("requests_saved").Uint(reuse->requests_saved);
    w.EndObject();
  }
  w.Key("digest").StartObject().Key("algorithm").String("sha256").Key("value").String(ComputeDigest()).EndObject();
  w.EndObject();
  return w.str();
}

Result<ArchiveIndex> ArchiveIndex::Parse(std::string_view json) {
  auto bad = [](std::string why) { return Corrupt("kbulk.index.json: " + why); };
  // The index nests four levels; anything much deeper is hostile (and "missing" objects are re-serialized).
  KBULK_RETURN_IF_ERROR(CheckJsonDepth(json, "kbulk.index.json"));
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  simdjson::dom::element root;
  if (parser.parse(padded).get(root)) return bad("not valid JSON");
  if (!root.is_object()) return bad("not a JSON object");
  std::string_view format;
  if (root["format"].get(format) || format != "kbulk-index") return bad("missing \"format\": \"kbulk-index\"");
  ArchiveIndex index;
  simdjson::dom::array entries;
  if (root["entries"].get(entries)) return bad("missing \"entries\" array");
  for (simdjson::dom::element e : entries) {
    IndexEntry entry;
    std::string_view path, sha;
    if (e["path"].get(path) || e["size"].get(entry.size) || e["records"].get(entry.records) || e["sha256"].get(sha) ||
        !IsSha256Hex(sha)) {
      return bad("entry " + std::to_string(index.entries.size() + 1) + " lacks path, size, records or sha256");
    }
    entry.path = path;
    entry.sha256 = sha;
    index.entries.push_back(std::move(entry));
  }
  simdjson::dom::object totals;
  if (root["totals"].get(totals)) return bad("missing \"totals\" object");
  for (auto field : totals) {
    KindTotal total;
    if (field.value["records"].get(total.records) || field.value["bytes"].get(total.bytes)) {
      return bad("total '" + std::string(field.key) + "' lacks records or bytes");
    }
    index.totals[std::string(field.key)] = total;
  }
  simdjson::dom::array missing;
  if (!root["missing"].get(missing)) {
    for (simdjson::dom::element m : missing) {
      if (!m.is_object()) return bad("a \"missing\" entry is not an object");
      index.missing_json.push_back(simdjson::minify(m));
    }
  }
  simdjson::dom::object reuse;
  if (!root["reuse"].get(reuse)) {
    BaseReuse r;
    if (reuse["published_versions"].get(r.published_versions) ||
        reuse["published_absences"].get(r.published_absences) || reuse["binaries"].get(r.binaries) ||
        reuse["requests_saved"].get(r.requests_saved)) {
      return bad("\"reuse\" lacks published_versions, published_absences, binaries or requests_saved");
    }
    index.reuse = r;
  } else if (root["reuse"].error() != simdjson::NO_SUCH_FIELD) {
    return bad("\"reuse\" is not an object");
  }
  std::string_view digest;
  if (root["digest"]["value"].get(digest)) return bad("missing \"digest\".\"value\"");
  index.digest = digest;
  return index;
}

}  // namespace kbulk::formats
