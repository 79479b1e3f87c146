// Reading the base archive of an incremental export: variant fingerprints and spilled published versions.
#include "exporter/base_archive.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "core/sha256.h"
#include "core/uuid.h"
#include "formats/archive_reader.h"
#include "formats/record_envelope.h"
#include "formats/temp_files.h"

namespace kbulk::exporter {
namespace {

std::string RefIdOf(const JsonValue& object, const char* member) {
  const JsonValue* ref = Member(object, member);
  return ref ? std::string(StringMember(*ref, "id").value_or("")) : std::string();
}

std::string StepIdOf(const JsonValue& variant) {
  if (const JsonValue* workflow = Member(variant, "workflow")) {
    std::string id = RefIdOf(*workflow, "step_identifier");
    if (!id.empty()) return id;
  }
  return RefIdOf(variant, "workflow_step");
}

std::string BaseName(const std::string& path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::uint64_t Fingerprint64(Sha256& h) {
  Sha256::Digest d = h.Finish();
  std::uint64_t out = 0;
  for (int i = 0; i < 8; ++i) out = (out << 8) | d[i];
  return out;
}

// What identifies an asset's binary: id, file reference, size and type.
std::uint64_t AssetFingerprint(const JsonValue& asset) {
  Sha256 h;
  for (const char* key : {"id", "type"}) {
    h.Update(StringMember(asset, key).value_or(""));
    h.Update("\x1f", 1);
  }
  h.Update(RefIdOf(asset, "file_reference"));
  h.Update("\x1f", 1);
  const JsonValue* size = Member(asset, "size");
  h.Update(size ? ToJsonString(*size) : std::string());
  return Fingerprint64(h);
}

}  // namespace

std::uint64_t LatestFingerprint(const JsonValue& variant) {
  Sha256 h;
  auto add = [&h](std::string_view part) {
    h.Update(part);
    h.Update("\x1f", 1);
  };
  add(StringMember(variant, "last_modified").value_or(""));
  add(StepIdOf(variant));
  if (const JsonValue* workflow = Member(variant, "workflow")) add(RefIdOf(*workflow, "workflow_identifier"));
  const JsonValue* schedule = Member(variant, "schedule");
  add(schedule ? ToJsonString(*schedule) : std::string());
  return Fingerprint64(h);
}

std::string BaseArchive::Key(std::string_view item_id, std::string_view language_id) {
  auto item = Uuid::Parse(item_id);
  auto language = Uuid::Parse(language_id);
  if (!item || !language) return std::string(item_id) + "\n" + std::string(language_id);
  std::string key;
  key.reserve(32);
  for (auto b : item->bytes()) key.push_back(static_cast<char>(b));
  for (auto b : language->bytes()) key.push_back(static_cast<char>(b));
  return key;
}

class BaseArchive::Reader final : public formats::ArchiveVisitor {
 public:
  Reader(BaseArchive& base, std::string environment_id) : base_(base), environment_id_(std::move(environment_id)) {}

  Status OnManifest(const formats::Manifest& manifest) override {
    base_.created_at_ = manifest.created_at;
    base_.format_version_ = manifest.format_version;
    auto doc = ParseJson(manifest.raw);
    bool published = false;
    if (doc.ok()) {
      const JsonValue* source = Member(*doc, "source");
      std::string_view from = source ? StringMember(*source, "environment_id").value_or("") : "";
      if (!environment_id_.empty() && !from.empty() && from != environment_id_) {
        // Ids of another environment name other objects: nothing in it can be reused here.
        return InvalidArgument("it was exported from environment " + std::string(from) + ", not from " +
                               environment_id_ + " (an incremental export needs a base of the same environment)");
      }
      const JsonValue* options = Member(*doc, "options");
      const JsonValue* versions = options ? Member(*options, "versions") : nullptr;
      if (versions != nullptr && versions->IsArray()) {
        for (const auto& v : versions->GetArray())
          published |= v.IsString() && std::string_view(v.GetString()) == "published";
      } else if (versions != nullptr && versions->IsString()) {
        published = std::string_view(versions->GetString()) == "latest+published";
      }
    }
    // Before 1.1 a variant under a Scheduled version was never probed: its absence proves nothing.
    base_.vouches_ = published && (manifest.major > 1 || manifest.minor >= 1);
    return Status::Ok();
  }

  Status OnRecord(const formats::EntryInfo& info, std::uint64_t, std::string_view json) override {
    if (info.kind == formats::EntryKind::kAssets) return OnAsset(json);
    if (info.kind != formats::EntryKind::kVariants) return Status::Ok();
    KBULK_ASSIGN_OR_RETURN(formats::VariantRecord record, formats::ParseVariantRecord(json));
    KBULK_ASSIGN_OR_RETURN(JsonDocument variant, ParseJson(record.variant));
    Variant& v = base_.variants_[Key(RefIdOf(variant, "item"), RefIdOf(variant, "language"))];
    if (record.version == formats::VariantVersion::kLatest) {
      v.has_latest = true;
      v.fingerprint = LatestFingerprint(variant);
      return Status::Ok();
    }
    const std::string_view text = record.variant;
    std::size_t done = 0;
    while (done < text.size()) {
      ssize_t n = ::pwrite(base_.spill_fd_, text.data() + done, text.size() - done,
                           static_cast<off_t>(base_.spill_size_ + static_cast<std::int64_t>(done)));
      if (n < 0) return IoError(std::string("base archive spill file: ") + std::strerror(errno));
      done += static_cast<std::size_t>(n);
    }
    v.published_offset = base_.spill_size_;
    v.published_size = static_cast<std::uint32_t>(text.size());
    base_.spill_size_ += static_cast<std::int64_t>(text.size());
    return Status::Ok();
  }

  Status OnIndex(const formats::ArchiveIndex& index) override {
    base_.index_digest_ = index.digest;
    if (!index.missing_json.empty()) base_.vouches_ = false;  // a partial base vouches for nothing
    return Status::Ok();
  }

  Status OnAsset(std::string_view json) {
    KBULK_ASSIGN_OR_RETURN(formats::AssetRecord record, formats::ParseAssetRecord(json));
    if (!record.blob_sha256) return Status::Ok();  // no binary in the base: nothing to reuse
    KBULK_ASSIGN_OR_RETURN(JsonDocument asset, ParseJson(record.asset));
    Asset facts;
    facts.fingerprint = AssetFingerprint(asset);
    for (std::size_t i = 0; i < 32; ++i) {
      facts.blob[i] = static_cast<std::uint8_t>(std::stoi(record.blob_sha256->substr(2 * i, 2), nullptr, 16));
    }
    base_.assets_[std::string(StringMember(asset, "id").value_or(""))] = facts;
    return Status::Ok();
  }

 private:
  BaseArchive& base_;
  std::string environment_id_;  // the environment being exported; empty: not checked
};

namespace {

// Hands the wanted blobs of a second pass to the copier.
class BlobPass final : public formats::ArchiveVisitor {
 public:
  BlobPass(const std::unordered_set<std::string>& wanted, const BaseArchive::BlobCopy& copy)
      : wanted_(wanted), copy_(copy) {}
  Status OnBlob(const formats::EntryInfo& info, std::string_view sha, formats::ByteSource& content) override {
    if (wanted_.count(std::string(sha)) == 0) return Status::Ok();
    ++copied;
    return copy_(sha, info.size, content);
  }
  std::uint64_t copied = 0;

 private:
  const std::unordered_set<std::string>& wanted_;
  const BaseArchive::BlobCopy& copy_;
};

}  // namespace

std::optional<std::string> BaseArchive::ReusableBlob(const JsonValue& asset) const {
  if (path_ == "-") return std::nullopt;
  auto it = assets_.find(std::string(StringMember(asset, "id").value_or("")));
  if (it == assets_.end() || it->second.fingerprint != AssetFingerprint(asset)) return std::nullopt;
  Sha256::Digest digest;
  std::copy(it->second.blob.begin(), it->second.blob.end(), digest.begin());
  return Sha256::ToHex(digest);
}

Result<std::uint64_t> BaseArchive::CopyBlobs(const std::unordered_set<std::string>& wanted,
                                             const BlobCopy& copy) const {
  if (wanted.empty()) return std::uint64_t{0};
  BlobPass pass(wanted, copy);
  formats::ReaderOptions options;
  options.verify_first = false;  // verified by Load(); every blob is still hashed as it streams
  auto summary = formats::ArchiveReader(options).Read(path_, pass);
  if (!summary.ok()) return summary.status().WithContext("base archive " + path_);
  return pass.copied;
}

Result<std::unique_ptr<BaseArchive>> BaseArchive::Load(const std::string& path, const std::string& spill_dir,
                                                       const std::string& environment_id) {
  std::unique_ptr<BaseArchive> base(new BaseArchive());
  base->path_ = path;
  base->file_ = BaseName(path);
  // Owner-only and anonymous: gone from the directory at once, freed when closed.
  KBULK_ASSIGN_OR_RETURN(base->spill_fd_, formats::CreateAnonymousTempFile(spill_dir, "base archive spill"));
  Reader reader(*base, environment_id);
  formats::ReaderOptions options;
  options.verify_first = path != "-";
  auto summary = formats::ArchiveReader(options).Read(path, reader);
  if (!summary.ok()) return summary.status().WithContext("base archive " + path);
  return base;
}

BaseArchive::~BaseArchive() {
  if (spill_fd_ >= 0) ::close(spill_fd_);
}

std::string BaseArchive::IdentityJson() const {
  JsonWriter w;
  w.StartObject();
  w.Key("file").String(file_);
  w.Key("created_at").String(created_at_);
  w.Key("format_version").String(format_version_);
  w.Key("index_digest").String(index_digest_);
  w.Key("vouches_for_published").Bool(vouches_);
  w.EndObject();
  return w.str();
}

Result<BaseArchive::Published> BaseArchive::PublishedVersion(std::string_view item_id, std::string_view language_id,
                                                             std::uint64_t fingerprint, std::string& text) const {
  if (!vouches_) return Published::kUnknown;
  auto it = variants_.find(Key(item_id, language_id));
  if (it == variants_.end() || !it->second.has_latest || it->second.fingerprint != fingerprint) {
    return Published::kUnknown;
  }
  const Variant& v = it->second;
  if (v.published_offset < 0) return Published::kNone;
  text.resize(v.published_size);
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::pread(spill_fd_, text.data() + done, text.size() - done,
                        static_cast<off_t>(v.published_offset + static_cast<std::int64_t>(done)));
    if (n <= 0) return IoError("base archive spill file: short read");
    done += static_cast<std::size_t>(n);
  }
  return Published::kPresent;
}

}  // namespace kbulk::exporter
