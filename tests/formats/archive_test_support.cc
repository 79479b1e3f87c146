// Test helpers: temp dirs, a sample archive with every entry kind, tar rewriting.
#include "archive_test_support.h"

#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/sha256.h"
#include "formats/manifest.h"
#include "formats/record_envelope.h"
#include "formats/tar_attributes.h"

namespace kbulk::formats::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "kbulk-formats-test-XXXXXX").string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  REQUIRE(out.good());
}

std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(dir)) names.push_back(fs::relative(e.path(), dir).string());
  std::sort(names.begin(), names.end());
  return names;
}

Result<std::size_t> PatternSource::Read(void* buffer, std::size_t capacity) {
  std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(capacity, remaining_));
  auto* out = static_cast<unsigned char*>(buffer);
  for (std::size_t i = 0; i < n; ++i) {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    out[i] = static_cast<unsigned char>(state_ >> 24);
  }
  remaining_ -= n;
  return n;
}

std::string PatternSource::Sha256Of(std::uint64_t size, std::uint64_t seed) {
  PatternSource source(size, seed);
  Sha256 hash;
  std::string buffer(1 << 16, '\0');
  for (;;) {
    auto n = source.Read(buffer.data(), buffer.size());
    if (*n == 0) break;
    hash.Update(buffer.data(), *n);
  }
  return hash.FinishHex();
}

namespace {

constexpr const char* kLangEn = "00000000-0000-0000-0000-000000000000";
constexpr const char* kLangCs = "11111111-0000-0000-0000-000000000001";
constexpr const char* kTypeArticle = "22222222-0000-0000-0000-000000000001";
constexpr const char* kTypeQuote = "22222222-0000-0000-0000-000000000002";
constexpr const char* kStepDraft = "33333333-0000-0000-0000-000000000001";
constexpr const char* kStepPublished = "33333333-0000-0000-0000-000000000002";
constexpr const char* kTermCoffee = "44444444-0000-0000-0000-000000000002";
constexpr const char* kItemA = "55555555-0000-0000-0000-000000000001";
constexpr const char* kItemB = "55555555-0000-0000-0000-000000000002";
constexpr const char* kAssetA = "66666666-0000-0000-0000-000000000001";
constexpr const char* kAssetB = "66666666-0000-0000-0000-000000000002";
constexpr const char* kMissing = "99999999-0000-0000-0000-000000000009";

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
    s.replace(pos, from.size(), to);
  return s;
}

// Substitutes $NAME placeholders with the ids above.
std::string J(std::string s) {
  const std::pair<const char*, const char*> ids[] = {
      {"$LANG_EN", kLangEn},         {"$LANG_CS", kLangCs},       {"$TYPE_ARTICLE", kTypeArticle},
      {"$TYPE_QUOTE", kTypeQuote},   {"$STEP_DRAFT", kStepDraft}, {"$STEP_PUBLISHED", kStepPublished},
      {"$TERM_COFFEE", kTermCoffee}, {"$ITEM_A", kItemA},         {"$ITEM_B", kItemB},
      {"$ASSET_A", kAssetA},         {"$ASSET_B", kAssetB},       {"$MISSING", kMissing}};
  for (const auto& [k, v] : ids) s = Replace(s, k, v);
  return s;
}

}  // namespace

SampleContent WriteSampleArchive(const std::string& path, const SampleOptions& options) {
  SampleContent content;
  WriterOptions wo;
  wo.compression.compression = options.compression;
  wo.compression.threads = 2;
  wo.mtime_rfc3339 = "2026-01-02T03:04:05Z";
  auto writer = ArchiveWriter::Open(path, wo);
  REQUIRE(writer.ok());
  ArchiveWriter& w = **writer;
  ManifestInfo info;
  info.created_at = "2026-01-02T03:04:05Z";
  info.source_json = R"({"environment_id":"e1","environment_name":"Production – ünïcode","project_name":"Demo"})";
  info.options_json = R"({"languages":["en-US","cs-CZ"],"versions":["latest","published"]})";
  std::string manifest = BuildManifestJson(info);
  REQUIRE(w.WriteManifest(manifest).ok());
  content.entry_paths.push_back("kbulk.json");
  content.records.emplace_back("kbulk.json", manifest);

  auto doc = [&](EntityKind kind, const std::string& json) {
    std::string p = ModelEntryPath(kind);
    REQUIRE(w.WriteDocument(p, json).ok());
    content.entry_paths.push_back(p);
    content.records.emplace_back(p, json);
  };
  auto stream = [&](const std::string& p, const std::vector<std::string>& records) {
    auto sink = w.BeginNdjson(p);
    REQUIRE(sink.ok());
    for (const std::string& r : records) {
      REQUIRE((*sink)->Append(r).ok());
      content.records.emplace_back(p, r);
    }
    REQUIRE((*sink)->Commit().ok());
    content.entry_paths.push_back(p);
  };

  doc(EntityKind::kEnvironment, R"({"id":"e1","name":"Production – ünïcode","environment":"Production"})");
  stream(ModelEntryPath(EntityKind::kLanguage),
         {J(R"({"id":"$LANG_EN","name":"English","codename":"en-US","is_default":true})"),
          J(R"({"id":"$LANG_CS","name":"Čeština","codename":"cs-CZ","is_default":false})")});
  stream(ModelEntryPath(EntityKind::kCollection),
         {R"({"id":"00000000-0000-0000-0000-000000000000","codename":"default"})"});
  stream(
      ModelEntryPath(EntityKind::kTaxonomyGroup),
      {J(R"({"id":"44444444-0000-0000-0000-000000000001","codename":"drinks","terms":[{"id":"$TERM_COFFEE","codename":"coffee","terms":[]}]})")});
  stream(
      ModelEntryPath(EntityKind::kContentType),
      {J(R"({"id":"$TYPE_ARTICLE","codename":"article","elements":[)"
         R"({"id":"e0000000-0000-0000-0000-000000000001","codename":"title","type":"text"},)"
         R"({"id":"e0000000-0000-0000-0000-000000000002","codename":"body","type":"rich_text"},)"
         R"({"id":"e0000000-0000-0000-0000-000000000003","codename":"related","type":"modular_content"},)"
         R"({"id":"e0000000-0000-0000-0000-000000000004","codename":"image","type":"asset"},)"
         R"({"id":"e0000000-0000-0000-0000-000000000005","codename":"tags","type":"taxonomy"},)"
         R"({"id":"e0000000-0000-0000-0000-000000000006","codename":"size","type":"multiple_choice","options":[{"id":"f0000000-0000-0000-0000-000000000001","codename":"big"}]}]})"),
       J(R"({"id":"$TYPE_QUOTE","codename":"quote","elements":[{"id":"e0000000-0000-0000-0000-000000000007","codename":"text","type":"text"},{"id":"e0000000-0000-0000-0000-000000000008","codename":"source","type":"modular_content"}]})")});
  stream(
      ModelEntryPath(EntityKind::kWorkflow),
      {J(R"({"id":"00000000-0000-0000-0000-000000000000","codename":"default","steps":[{"id":"$STEP_DRAFT","codename":"draft"}],"published_step":{"id":"$STEP_PUBLISHED","codename":"published"}})")});
  doc(EntityKind::kPreviewConfiguration, R"({"space_domains":[],"preview_url_patterns":[]})");

  struct BlobSpec {
    std::uint64_t size;
    std::uint64_t seed;
  };
  for (BlobSpec b : {BlobSpec{1000, 1}, BlobSpec{options.big_blob_size, 2}, BlobSpec{0, 3}}) {
    std::string sha = PatternSource::Sha256Of(b.size, b.seed);
    PatternSource source(b.size, b.seed);
    REQUIRE(w.AddBlob(sha, b.size, source).ok());
    REQUIRE(w.HasBlob(sha));
    content.blobs.emplace_back(sha, b.size);
    content.entry_paths.push_back(BlobEntryPath(sha));
  }
  std::string blob_a = content.blobs[0].first;
  std::string blob_b = content.blobs[1].first;
  stream(
      std::string(kAssetsPath),
      {MakeAssetRecord(
           blob_a, R"([{"rendition_id":"77777777-0000-0000-0000-000000000001","asset_id":"$ASSET_A"}])",
           J(R"({"id":"$ASSET_A","codename":"logo","file_name":"logo – ☕.png","title":"Логотип","elements":[{"element":{"id":"a0000000-0000-0000-0000-000000000001"},"value":[{"id":"$TERM_COFFEE"}]}]})")),
       MakeAssetRecord(blob_b, "[]", J(R"({"id":"$ASSET_B","codename":"video","file_name":"big.bin"})"))});
  stream(
      std::string(kItemsPath),
      {J(R"({"id":"$ITEM_A","codename":"coffee_story","name":"Coffee ☕ story","type":{"id":"$TYPE_ARTICLE"},"collection":{"id":"00000000-0000-0000-0000-000000000000"}})"),
       J(R"({"id":"$ITEM_B","codename":"famous_quote","name":"Zitat «groß»","type":{"id":"$TYPE_QUOTE"}})")});
  std::string missing_item = options.dangling ? J(R"(,{"id":"$MISSING"})") : "";
  std::string variant_a = J(
      R"({"item":{"id":"$ITEM_A"},"language":{"id":"$LANG_EN"},"workflow_step":{"id":"$STEP_DRAFT"},"elements":[)"
      R"({"element":{"id":"e0000000-0000-0000-0000-000000000001"},"value":"Kaffee – 日本語 – 🎉"},)"
      R"({"element":{"id":"e0000000-0000-0000-0000-000000000002"},"value":"<p>Text</p><object type=\"application/kenticocloud\" data-type=\"component\" data-id=\"c0000000-0000-0000-0000-000000000001\"></object>","components":[)"
      R"({"id":"c0000000-0000-0000-0000-000000000001","type":{"id":"$TYPE_QUOTE"},"elements":[{"element":{"id":"e0000000-0000-0000-0000-000000000008"},"value":[{"id":"$ITEM_B"})" +
      missing_item +
      R"(]}]}]},)"
      R"({"element":{"id":"e0000000-0000-0000-0000-000000000003"},"value":[{"id":"$ITEM_B"}]},)"
      R"({"element":{"id":"e0000000-0000-0000-0000-000000000004"},"value":[{"id":"$ASSET_A","renditions":[{"id":"77777777-0000-0000-0000-000000000001"}]}]},)"
      R"({"element":{"id":"e0000000-0000-0000-0000-000000000005"},"value":[{"id":"$TERM_COFFEE"}]},)"
      R"({"element":{"id":"e0000000-0000-0000-0000-000000000006"},"value":[{"id":"f0000000-0000-0000-0000-000000000001"}]}],)"
      R"("unknown_future_field":{"kept":true}})");
  std::string variant_a_published = Replace(variant_a, kStepDraft, kStepPublished);
  std::string variant_b =
      J(R"({"item":{"id":"$ITEM_B"},"language":{"id":"$LANG_CS"},"workflow_step":{"id":"$STEP_DRAFT"},"elements":[)"
        R"({"element":{"id":"e0000000-0000-0000-0000-000000000007"},"value":"Příliš žluťoučký kůň"}]})");
  if (options.dangling) {
    variant_b =
        J(R"({"item":{"id":"$ITEM_B"},"language":{"id":"$LANG_CS"},"workflow_step":{"id":"$STEP_DRAFT"},"elements":[)"
          R"({"element":{"id":"e0000000-0000-0000-0000-000000000008"},"value":[{"id":"$MISSING"}]}]})");
  }
  stream(std::string(kVariantsPath), {MakeVariantRecord(VariantVersion::kLatest, variant_a),
                                      MakeVariantRecord(VariantVersion::kPublished, variant_a_published),
                                      MakeVariantRecord(VariantVersion::kLatest, variant_b)});
  auto stats = w.Finish();
  REQUIRE(stats.ok());
  content.entry_paths.push_back("kbulk.index.json");
  return content;
}

void RewriteTar(const std::string& in, const std::string& out, const TarEdit& edit) {
  struct archive* r = archive_read_new();
  archive_read_support_format_tar(r);
  archive_read_support_filter_zstd(r);
  REQUIRE(archive_read_open_filename(r, in.c_str(), 1 << 16) == ARCHIVE_OK);
  struct archive* w = archive_write_new();
  archive_write_set_format_pax(w);
  archive_write_set_options(w, "pax:xattrheader=SCHILY");
  archive_write_set_bytes_in_last_block(w, 1);
  REQUIRE(archive_write_open_filename(w, out.c_str()) == ARCHIVE_OK);
  auto put = [&](struct archive_entry* e, const std::string& data) {
    archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
    REQUIRE(archive_write_header(w, e) == ARCHIVE_OK);
    if (!data.empty()) REQUIRE(archive_write_data(w, data.data(), data.size()) == static_cast<la_ssize_t>(data.size()));
  };
  auto put_extra = [&]() {
    for (const auto& [p, data] : edit.extra) {
      struct archive_entry* e = archive_entry_new();
      archive_entry_set_pathname(e, p.c_str());
      archive_entry_set_filetype(e, AE_IFREG);
      archive_entry_set_perm(e, 0644);
      put(e, data);
      archive_entry_free(e);
    }
  };
  struct archive_entry* entry = nullptr;
  while (archive_read_next_header(r, &entry) == ARCHIVE_OK) {
    std::string path = archive_entry_pathname(entry);
    std::string data;
    std::string chunk(1 << 16, '\0');
    la_ssize_t n;
    while ((n = archive_read_data(r, chunk.data(), chunk.size())) > 0)
      data.append(chunk.data(), static_cast<size_t>(n));
    std::string original = path;
    std::string original_data = data;
    bool keep = !edit.edit || edit.edit(path, data);
    if (keep) {
      struct archive_entry* copy = archive_entry_clone(entry);
      archive_entry_set_pathname(copy, path.c_str());
      if (edit.refresh_attributes && data != original_data) {
        archive_entry_xattr_clear(copy);
        std::string sha = Sha256::HexOf(data);
        std::string records = path.size() > 7 && path.substr(path.size() - 7) == ".ndjson"
                                  ? std::to_string(std::count(data.begin(), data.end(), '\n'))
                                  : std::string("1");
        archive_entry_xattr_add_entry(copy, kAttrSha256, sha.data(), sha.size());
        archive_entry_xattr_add_entry(copy, kAttrRecords, records.data(), records.size());
      }
      put(copy, data);
      archive_entry_free(copy);
    }
    if (!edit.after.empty() && original == edit.after) put_extra();
  }
  if (edit.after.empty()) put_extra();
  REQUIRE(archive_write_close(w) == ARCHIVE_OK);
  archive_write_free(w);
  archive_read_free(r);
}

int RunCommand(const std::string& command, std::string* output) {
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string text;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
  int status = ::pclose(pipe);
  if (output != nullptr) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace kbulk::formats::testing
