// DataOpsReader: the checking pass, then one pass per entry in the order an importer needs.
#include "formats/dataops_reader.h"

#include <sys/stat.h>

#include <map>
#include <set>
#include <unordered_map>
#include <vector>

#include "core/json.h"
#include "core/sha256.h"
#include "formats/dataops_json.h"
#include "formats/dataops_layout.h"
#include "formats/record_envelope.h"
#include "formats/zip_reader.h"

namespace kbulk::formats {
namespace {

constexpr std::size_t kBlock = 1 << 16;

// Hashes and counts what passes through.
class HashingSource final : public ByteSource {
 public:
  explicit HashingSource(ByteSource& inner) : inner_(inner) {}
  Result<std::size_t> Read(void* buffer, std::size_t capacity) override {
    KBULK_ASSIGN_OR_RETURN(std::size_t n, inner_.Read(buffer, capacity));
    hash_.Update(buffer, n);
    return n;
  }
  Status Drain() {
    std::string chunk(kBlock, '\0');
    for (;;) {
      KBULK_ASSIGN_OR_RETURN(std::size_t n, Read(chunk.data(), chunk.size()));
      if (n == 0) return Status::Ok();
    }
  }
  std::string FinishHex() { return hash_.FinishHex(); }

 private:
  ByteSource& inner_;
  Sha256 hash_;
};

struct AssetInfo {
  std::string file_name;
  std::string codename;
};

struct Binary {
  std::string path;
  std::string sha256;
};

// What the checking pass learns.
struct Layout {
  std::map<std::string, IndexEntry> checked;          // zip entry -> size, records, sha256
  std::unordered_map<std::string, AssetInfo> assets;  // assets.json: id -> file name, codename
  std::unordered_map<std::string, Binary> binaries;   // asset id -> its binary
  std::vector<std::string> order;                     // checked entries in zip order
  std::vector<std::string> warnings;
  std::string metadata;
};

ZipLimits ToZipLimits(const ReaderLimits& limits) {
  ZipLimits z;
  z.max_entry_size = limits.max_entry_size;
  z.max_total_size = limits.max_total_size;
  z.max_entries = limits.max_entries;
  return z;
}

Result<std::string> ReadDocument(ByteSource& data, const ZipEntry& entry, std::uint64_t limit) {
  std::string text, chunk(kBlock, '\0');
  for (;;) {
    KBULK_ASSIGN_OR_RETURN(std::size_t n, data.Read(chunk.data(), chunk.size()));
    if (n == 0) return text;
    if (text.size() + n > limit) {
      return Corrupt(
          Cat("zip entry '", entry.path, "' is larger than the record limit of ", std::to_string(limit), " bytes"));
    }
    text.append(chunk.data(), n);
  }
}

// Streams a JSON-array entry element by element into `on_element`.
Status SplitArray(ByteSource& data, const ZipEntry& entry, std::uint64_t limit,
                  const JsonArraySplitter::ElementFn& on_element, std::uint64_t* count) {
  JsonArraySplitter splitter(entry.path, limit);
  std::string chunk(kBlock, '\0');
  for (;;) {
    KBULK_ASSIGN_OR_RETURN(std::size_t n, data.Read(chunk.data(), chunk.size()));
    if (n == 0) break;
    KBULK_RETURN_IF_ERROR(splitter.Feed(std::string_view(chunk.data(), n), on_element));
  }
  KBULK_RETURN_IF_ERROR(splitter.Finish());
  *count = splitter.elements();
  return Status::Ok();
}

Status CheckEntry(const ZipEntry& entry, ByteSource& raw, const ReaderLimits& limits, Layout& layout) {
  DataOpsEntry what = ClassifyDataOpsEntry(entry.path);
  HashingSource data(raw);
  IndexEntry index{entry.path, entry.size, 0, ""};
  if (what.role == DataOpsEntry::Role::kBinary) {
    KBULK_RETURN_IF_ERROR(data.Drain());
    index.sha256 = data.FinishHex();
    layout.binaries[what.asset_id] = Binary{entry.path, index.sha256};
  } else if (!what.array) {
    KBULK_ASSIGN_OR_RETURN(std::string text, ReadDocument(data, entry, limits.max_record_size));
    KBULK_RETURN_IF_ERROR(CheckJsonObject(text, entry.path));
    index.records = 1;
    index.sha256 = data.FinishHex();
    if (what.role == DataOpsEntry::Role::kMetadata) layout.metadata = std::move(text);
  } else {
    auto on_element = [&](std::uint64_t number, std::string_view json) -> Status {
      if (what.role != DataOpsEntry::Role::kAssets) return Status::Ok();
      auto doc = ParseJson(json);
      auto id = doc.ok() ? StringMember(*doc, "id") : std::nullopt;
      auto file_name = doc.ok() ? StringMember(*doc, "file_name") : std::nullopt;
      if (!id || !file_name) {
        return Corrupt(Cat("zip entry '", entry.path, "': asset ", std::to_string(number),
                           " has no string \"id\" and \"file_name\""));
      }
      auto codename = StringMember(*doc, "codename");
      layout.assets[std::string(*id)] = AssetInfo{std::string(*file_name), std::string(codename.value_or(""))};
      return Status::Ok();
    };
    KBULK_RETURN_IF_ERROR(SplitArray(data, entry, limits.max_record_size, on_element, &index.records));
    index.sha256 = data.FinishHex();
  }
  layout.order.push_back(entry.path);
  layout.checked[entry.path] = std::move(index);
  return Status::Ok();
}

// The checking pass: every entry's data, every JSON element, every asset's binary.
Result<Layout> CheckZip(const std::string& path, const ReaderLimits& limits) {
  Layout layout;
  ZipPass pass;
  pass.check_unwanted = true;
  pass.want = [&](const ZipEntry& e) {
    if (ClassifyDataOpsEntry(e.path).role != DataOpsEntry::Role::kUnknown) return true;
    layout.warnings.push_back(Cat("zip entry '", e.path, "' is not part of a data-ops backup; skipped"));
    return false;
  };
  pass.on_entry = [&](const ZipEntry& e, ByteSource& data) { return CheckEntry(e, data, limits, layout); };
  KBULK_RETURN_IF_ERROR(ReadZip(path, ToZipLimits(limits), pass));
  if (layout.checked.count(std::string(kDataOpsItems)) == 0 &&
      layout.checked.count(std::string(DataOpsModelEntry(EntityKind::kContentType))) == 0) {
    return InvalidArgument(Cat(path, ": a zip, but not a data-ops backup (neither ", kDataOpsItems, " nor ",
                               DataOpsModelEntry(EntityKind::kContentType), " is in it)"));
  }
  if (layout.metadata.empty()) layout.warnings.push_back(Cat(path, ": no ", kDataOpsMetadata, " in the backup"));
  // Sorted, so the first missing binary named is stable.
  std::set<std::string> ids;
  for (const auto& [id, info] : layout.assets) ids.insert(id);
  for (const auto& id : ids) {
    if (layout.binaries.count(id) == 0) {
      const AssetInfo& info = layout.assets[id];
      return Corrupt(Cat("zip entry '", DataOpsBinaryPath(id, info.file_name), "' is missing: the binary of asset '",
                         info.codename, "' (id ", id, ") in ", kDataOpsAssets));
    }
  }
  for (const auto& [id, binary] : layout.binaries) {
    if (layout.assets.count(id) == 0) {
      layout.warnings.push_back(
          Cat("zip entry '", binary.path, "' belongs to no asset in ", kDataOpsAssets, "; skipped"));
    }
  }
  return layout;
}

Manifest BuildManifest(const std::string& metadata) {
  Manifest m;
  m.tool_version = std::string(kDataOpsFormatName);
  std::string environment_id;
  if (auto doc = ParseJson(metadata.empty() ? "{}" : metadata); doc.ok() && doc->IsObject()) {
    m.format_version = std::string(StringMember(*doc, "version").value_or(""));
    m.created_at = std::string(StringMember(*doc, "timestamp").value_or(""));
    environment_id = std::string(StringMember(*doc, "environmentId").value_or(""));
  }
  JsonWriter w;
  w.StartObject();
  w.Key("format").String(kDataOpsFormatName);
  w.Key("format_version").String(m.format_version);
  w.Key("tool").StartObject().Key("name").String(kDataOpsFormatName).EndObject();
  w.Key("created_at").String(m.created_at);
  w.Key("source").StartObject().Key("environment_id").String(environment_id).EndObject();
  // What a kbulk archive has and a data-ops backup does not (docs/import.md, "data-ops backups").
  w.Key("options").StartObject().Key("versions").StartArray().String("latest").EndArray().EndObject();
  w.EndObject();
  m.raw = w.str();
  return m;
}

// The hand-out passes.
class Emitter {
 public:
  Emitter(const std::string& path, const ReaderOptions& options, const Layout& layout, ArchiveVisitor& visitor)
      : path_(path), options_(options), layout_(layout), visitor_(visitor) {}

  Status Entry(std::string_view name) {
    if (layout_.checked.count(std::string(name)) == 0) return Status::Ok();
    ZipPass pass;
    bool found = false;
    pass.want = [&](const ZipEntry& e) { return e.path == name; };
    pass.on_entry = [&](const ZipEntry& e, ByteSource& data) {
      found = true;
      return HandOut(e, data);
    };
    KBULK_RETURN_IF_ERROR(ReadZip(path_, ToZipLimits(options_.limits), pass));
    if (!found) return Corrupt(Cat("zip entry '", name, "' disappeared between two reads of ", path_));
    return Status::Ok();
  }

  // Each distinct binary once, in zip order, only those of assets in assets.json.
  Status Blobs() {
    std::set<std::string> emitted;
    ZipPass pass;
    pass.want = [&](const ZipEntry& e) {
      DataOpsEntry what = ClassifyDataOpsEntry(e.path);
      if (what.role != DataOpsEntry::Role::kBinary || layout_.assets.count(what.asset_id) == 0) return false;
      auto it = layout_.checked.find(e.path);
      return it != layout_.checked.end() && emitted.insert(it->second.sha256).second;
    };
    pass.on_entry = [&](const ZipEntry& e, ByteSource& data) { return HandOut(e, data); };
    return ReadZip(path_, ToZipLimits(options_.limits), pass);
  }

 private:
  Status HandOut(const ZipEntry& e, ByteSource& raw) {
    const IndexEntry& expected = layout_.checked.at(e.path);
    if (e.size != expected.size) return Corrupt(Cat("zip entry '", e.path, "' changed between two reads"));
    DataOpsEntry what = ClassifyDataOpsEntry(e.path);
    EntryInfo info{e.path, what.kind, e.size, what.entity};
    KBULK_RETURN_IF_ERROR(visitor_.OnEntryStart(info));
    HashingSource data(raw);
    IndexEntry seen{e.path, e.size, 0, ""};
    if (what.role == DataOpsEntry::Role::kBinary) {
      KBULK_RETURN_IF_ERROR(visitor_.OnBlob(info, expected.sha256, data).WithContext(Cat("zip entry '", e.path, "'")));
      KBULK_RETURN_IF_ERROR(data.Drain());
    } else if (!what.array) {
      KBULK_ASSIGN_OR_RETURN(std::string text, ReadDocument(data, e, options_.limits.max_record_size));
      seen.records = 1;
      KBULK_RETURN_IF_ERROR(visitor_.OnRecord(info, 1, text));
    } else {
      auto on_element = [&](std::uint64_t number, std::string_view json) -> Status {
        if (what.role == DataOpsEntry::Role::kVariants) {
          return visitor_.OnRecord(info, number, MakeVariantRecord(VariantVersion::kLatest, json));
        }
        if (what.role != DataOpsEntry::Role::kAssets) return visitor_.OnRecord(info, number, json);
        auto doc = ParseJson(json);
        auto id = doc.ok() ? StringMember(*doc, "id") : std::nullopt;
        auto binary = id ? layout_.binaries.find(std::string(*id)) : layout_.binaries.end();
        if (binary == layout_.binaries.end()) return Corrupt(Cat("zip entry '", e.path, "' changed between two reads"));
        std::string_view sha = layout_.checked.at(binary->second.path).sha256;
        return visitor_.OnRecord(info, number, MakeAssetRecord(sha, "[]", json));
      };
      KBULK_RETURN_IF_ERROR(SplitArray(data, e, options_.limits.max_record_size, on_element, &seen.records));
    }
    seen.sha256 = data.FinishHex();
    if (seen != expected) return Corrupt(Cat("zip entry '", e.path, "' changed between two reads of ", path_));
    return visitor_.OnEntryEnd(info, seen);
  }

  const std::string& path_;
  const ReaderOptions& options_;
  const Layout& layout_;
  ArchiveVisitor& visitor_;
};

}  // namespace

bool IsDataOpsBackup(const std::string& path) {
  return LooksLikeZip(path);
}

Result<ReadSummary> DataOpsReader::Read(const std::string& path, ArchiveVisitor& visitor) {
  if (path == "-") return InvalidArgument("a data-ops backup must be given as a file, not standard input");
  KBULK_ASSIGN_OR_RETURN(Layout layout, CheckZip(path, options_.limits));
  for (const auto& warning : layout.warnings) visitor.OnWarning(warning);

  ReadSummary summary;
  summary.manifest = BuildManifest(layout.metadata);
  summary.compression = Compression::kNone;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) summary.compressed_bytes = static_cast<std::uint64_t>(st.st_size);
  for (const auto& name : layout.order) {
    const IndexEntry& entry = layout.checked.at(name);
    summary.tar_bytes += entry.size;
    DataOpsEntry what = ClassifyDataOpsEntry(name);
    std::string_view kind = what.entity ? EntityKindName(*what.entity) : std::string_view();
    if (what.role == DataOpsEntry::Role::kBinary && layout.assets.count(what.asset_id) == 0) kind = {};
    summary.index.Add(entry, kind);
  }
  summary.index.digest = summary.index.ComputeDigest();

  KBULK_RETURN_IF_ERROR(visitor.OnManifest(summary.manifest));
  Emitter emit(path, options_, layout, visitor);
  for (EntityKind kind : kAllEntityKinds) {
    if (std::string_view name = DataOpsModelEntry(kind); !name.empty()) KBULK_RETURN_IF_ERROR(emit.Entry(name));
  }
  KBULK_RETURN_IF_ERROR(emit.Blobs());
  KBULK_RETURN_IF_ERROR(emit.Entry(kDataOpsAssets));
  KBULK_RETURN_IF_ERROR(emit.Entry(kDataOpsItems));
  KBULK_RETURN_IF_ERROR(emit.Entry(kDataOpsVariants));
  KBULK_RETURN_IF_ERROR(visitor.OnIndex(summary.index));
  return summary;
}

}  // namespace kbulk::formats
