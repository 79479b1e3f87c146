// Two-pass archive comparison: learn the ids, then hash canonical records by symbolic key.
#include "diff/archive_diff.h"

#include <map>
#include <unordered_map>

#include "diff/canonical_record.h"
#include "diff/object_keys.h"
#include "formats/archive_reader.h"
#include "formats/record_envelope.h"

namespace kbulk::diff {
namespace {

using formats::EntryInfo;

// A record's JSON (depth-limited by ParseJson): a record that does not parse is a damaged archive.
Result<JsonDocument> ParseRecord(std::string_view json) {
  auto doc = ParseJson(json);
  if (!doc.ok()) return Corrupt(doc.status().message());
  return doc;
}

// The API object inside a record: assets and variants carry a small kbulk envelope.
Result<JsonDocument> ParseObject(EntityKind kind, std::string_view json, std::string* blob) {
  if (kind == EntityKind::kAsset) {
    KBULK_ASSIGN_OR_RETURN(formats::AssetRecord record, formats::ParseAssetRecord(json));
    if (blob != nullptr) *blob = record.blob_sha256.value_or("");
    return ParseRecord(record.asset);
  }
  return ParseRecord(json);
}

class KeyLearner final : public formats::ArchiveVisitor {
 public:
  explicit KeyLearner(ObjectKeys& keys) : keys_(keys) {}
  Status OnRecord(const EntryInfo& entry, std::uint64_t number, std::string_view json) override {
    if (!entry.entity || *entry.entity == EntityKind::kVariant || *entry.entity == EntityKind::kEnvironment) {
      return Status::Ok();
    }
    auto doc = ParseObject(*entry.entity, json, nullptr);
    if (!doc.ok()) return doc.status().WithContext(entry.path + " record " + std::to_string(number));
    keys_.Learn(*entry.entity, *doc);
    if (*entry.entity == EntityKind::kAsset) {
      // Renditions are referenced by id from asset elements and rich text; name them too.
      auto record = formats::ParseAssetRecord(json);
      auto renditions = record.ok() ? ParseRecord(record->renditions) : Result<JsonDocument>(record.status());
      if (renditions.ok() && renditions->IsArray()) {
        std::string asset_key = keys_.KeyOf(EntityKind::kAsset, *doc);
        for (const auto& rendition : renditions->GetArray()) keys_.LearnRendition(asset_key, rendition);
      }
    }
    return Status::Ok();
  }

 private:
  ObjectKeys& keys_;
};

class RecordHasher final : public formats::ArchiveVisitor {
 public:
  RecordHasher(const ObjectKeys& keys, std::map<std::string, std::string>& hashes) : keys_(keys), hashes_(hashes) {}

  Status OnRecord(const EntryInfo& entry, std::uint64_t number, std::string_view json) override {
    // The environment itself (its id and name) always differs between a source and its copy.
    if (!entry.entity || *entry.entity == EntityKind::kEnvironment) return Status::Ok();
    EntityKind kind = *entry.entity;
    std::string context = entry.path + " record " + std::to_string(number);
    if (kind == EntityKind::kVariant) {
      auto record = formats::ParseVariantRecord(json);
      if (!record.ok()) return record.status().WithContext(context);
      auto doc = ParseRecord(record->variant);
      if (!doc.ok()) return doc.status().WithContext(context);
      std::string key = "variants:" + Name(*doc, "item") + "/" + Name(*doc, "language") + "/" +
                        std::string(formats::VariantVersionName(record->version));
      Add(std::move(key), CanonicalHash(*doc, keys_));
      return Status::Ok();
    }
    std::string blob;
    auto doc = ParseObject(kind, json, &blob);
    if (!doc.ok()) return doc.status().WithContext(context);
    if (doc->IsArray()) {
      std::size_t i = 0;
      for (const auto& element : doc->GetArray()) {
        Add(keys_.KeyOf(kind, element) + "#" + std::to_string(i++), CanonicalHash(element, keys_));
      }
      return Status::Ok();
    }
    std::string hash = CanonicalHash(*doc, keys_);
    if (!blob.empty()) hash += "+blob:" + blob;
    if (kind == EntityKind::kAsset) {
      auto record = formats::ParseAssetRecord(json);
      auto renditions = record.ok() ? ParseRecord(record->renditions) : Result<JsonDocument>(record.status());
      if (!renditions.ok()) return renditions.status().WithContext(context);
      if (renditions->IsArray() && !renditions->Empty()) hash += "+renditions:" + CanonicalHash(*renditions, keys_);
    }
    Add(keys_.KeyOf(kind, *doc), std::move(hash));
    return Status::Ok();
  }

  Status OnBlob(const EntryInfo&, std::string_view sha256_hex, formats::ByteSource&) override {
    Add("blobs:" + std::string(sha256_hex), "present");
    return Status::Ok();
  }

 private:
  std::string Name(const JsonValue& variant, std::string_view field) const {
    const JsonValue* ref = Member(variant, field);
    auto id = ref ? StringMember(*ref, "id") : std::nullopt;
    if (!id) return "?";
    const std::string* key = keys_.Find(*id);
    if (key == nullptr) return "id:" + std::string(*id);
    // "items:article_1" -> "article_1": the variant key already says what it is.
    auto colon = key->find(':');
    return colon == std::string::npos ? *key : key->substr(colon + 1);
  }

  // Objects with the same key get "#2", "#3", ...; the next suffix per key is remembered, so N records
  // with one key cost N look-ups, not N^2.
  void Add(std::string key, std::string hash) {
    if (hashes_.emplace(key, hash).second) return;
    std::uint64_t& next = next_suffix_[key];
    if (next < 2) next = 2;
    std::string unique;
    do {
      unique = key + "#" + std::to_string(next++);
    } while (hashes_.count(unique) > 0);
    hashes_.emplace(std::move(unique), std::move(hash));
  }

  const ObjectKeys& keys_;
  std::map<std::string, std::string>& hashes_;
  std::unordered_map<std::string, std::uint64_t> next_suffix_;
};

Result<std::map<std::string, std::string>> HashArchive(const std::string& path, const formats::ReaderLimits& limits) {
  if (path == "-") return InvalidArgument("diff reads each archive twice: give files, not '-'");
  formats::ReaderOptions options;
  options.limits = limits;
  options.verify_first = false;  // each pass still checks every entry and the trailer
  formats::ArchiveReader reader(options);
  ObjectKeys keys;
  KeyLearner learner(keys);
  auto first = reader.Read(path, learner);
  if (!first.ok()) return first.status().WithContext(path);
  std::map<std::string, std::string> hashes;
  RecordHasher hasher(keys, hashes);
  auto second = reader.Read(path, hasher);
  if (!second.ok()) return second.status().WithContext(path);
  return hashes;
}

void Note(std::vector<std::string>& list, std::uint64_t& count, const std::string& key, std::size_t max) {
  ++count;
  if (list.size() < max) list.push_back(key);
}

}  // namespace

std::string DiffReport::ToJson() const {
  JsonWriter w;
  w.StartObject();
  w.Key("identical").Bool(identical());
  w.Key("objects_a").Uint(objects_a).Key("objects_b").Uint(objects_b);
  w.Key("only_in_a_count").Uint(only_in_a_count);
  w.Key("only_in_b_count").Uint(only_in_b_count);
  w.Key("different_count").Uint(different_count);
  auto list = [&w](std::string_view name, const std::vector<std::string>& keys) {
    w.Key(name).StartArray();
    for (const auto& k : keys) w.String(k);
    w.EndArray();
  };
  list("only_in_a", only_in_a);
  list("only_in_b", only_in_b);
  list("different", different);
  w.EndObject();
  return w.str();
}

Result<DiffReport> DiffArchives(const std::string& path_a, const std::string& path_b, const DiffOptions& options) {
  KBULK_ASSIGN_OR_RETURN(auto a, HashArchive(path_a, options.limits));
  KBULK_ASSIGN_OR_RETURN(auto b, HashArchive(path_b, options.limits));
  DiffReport report;
  report.objects_a = a.size();
  report.objects_b = b.size();
  auto ia = a.begin();
  auto ib = b.begin();
  while (ia != a.end() || ib != b.end()) {
    if (ib == b.end() || (ia != a.end() && ia->first < ib->first)) {
      Note(report.only_in_a, report.only_in_a_count, ia->first, options.max_listed);
      ++ia;
    } else if (ia == a.end() || ib->first < ia->first) {
      Note(report.only_in_b, report.only_in_b_count, ib->first, options.max_listed);
      ++ib;
    } else {
      if (ia->second != ib->second) Note(report.different, report.different_count, ia->first, options.max_listed);
      ++ia;
      ++ib;
    }
  }
  return report;
}

}  // namespace kbulk::diff
