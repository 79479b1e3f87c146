// The driver's own parts without a server: the blob stash (owner-only, streamed, rewindable, removed at
// the end), the write pool (bounded, first fatal error stops it), the archive catalog (the kbulk-<id>
// rule, forward references) and the fingerprints (order-insensitive, field-sensitive).
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>

#include "formats/byte_stream.h"
#include "importer/archive_catalog.h"
#include "importer/blob_stash.h"
#include "importer/target_state.h"
#include "importer/write_pool.h"

using namespace kbulk;
using namespace kbulk::importer;

namespace {

// Hands out `size` bytes of a pattern in small reads, never holding them all.
class PatternSource final : public formats::ByteSource {
 public:
  explicit PatternSource(std::size_t size) : left_(size) {}
  Result<std::size_t> Read(void* buffer, std::size_t capacity) override {
    std::size_t n = std::min<std::size_t>({capacity, left_, 1000});
    auto* out = static_cast<char*>(buffer);
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<char>('a' + (offset_ + i) % 26);
    offset_ += n;
    left_ -= n;
    return n;
  }

 private:
  std::size_t left_, offset_ = 0;
};

const std::string kSha(64, 'a');

}  // namespace

TEST_CASE("the blob stash streams blobs to an owner-only directory and removes it") {
  std::string directory;
  {
    auto stash = BlobStash::Create("");
    REQUIRE(stash.ok());
    directory = (*stash)->directory();
    struct stat info {};
    REQUIRE(::stat(directory.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0700);

    PatternSource source(100'000);
    REQUIRE((*stash)->Store(kSha, source).ok());
    CHECK((*stash)->Has(kSha));
    CHECK((*stash)->Size(kSha).value_or(0) == 100'000);
    REQUIRE(::stat((directory + "/" + kSha).c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);

    auto blob = (*stash)->Open(kSha);
    REQUIRE(blob.ok());
    CHECK((*blob)->size() == 100'000);
    char first[4] = {};
    REQUIRE((*blob)->Read(first, 4).ok());
    CHECK(std::string(first, 4) == "abcd");
    REQUIRE((*blob)->Rewind().ok());
    char again[4] = {};
    REQUIRE((*blob)->Read(again, 4).ok());
    CHECK(std::string(again, 4) == "abcd");

    CHECK_FALSE((*stash)->Open(std::string(64, 'b')).ok());
    PatternSource bad(10);
    CHECK((*stash)->Store("../escape", bad).code() == StatusCode::kCorrupt);

    (*stash)->RecordSize(std::string(64, 'c'), 42);  // a dry run: sizes only
    CHECK((*stash)->Size(std::string(64, 'c')).value_or(0) == 42);
  }
  CHECK_FALSE(std::filesystem::exists(directory));
}

TEST_CASE("the write pool runs every task and stops at the first fatal error") {
  std::atomic<int> ran{0};
  {
    WritePool pool(3, 4);
    for (int i = 0; i < 50; ++i)
      REQUIRE(pool.Submit([&] {
                    ++ran;
                    return Status::Ok();
                  })
                  .ok());
    REQUIRE(pool.Wait().ok());
    CHECK(ran == 50);
  }
  WritePool failing(2, 2);
  REQUIRE(failing.Submit([] { return Status(StatusCode::kUnauthenticated, "401"); }).ok());
  Status waited = failing.Wait();
  CHECK(waited.code() == StatusCode::kUnauthenticated);
  CHECK(failing.Submit([] { return Status::Ok(); }).code() == StatusCode::kUnauthenticated);
}

TEST_CASE("the archive catalog names objects by their external id or kbulk-<source id>") {
  ArchiveCatalog catalog;
  const std::string plain = "6a3c1e0e-6b1f-4c6a-9f0e-1f6b1c2d3e4f";
  const std::string named = "7b3c1e0e-6b1f-4c6a-9f0e-1f6b1c2d3e4f";
  CHECK(catalog.AddItem(plain, "") == "kbulk-" + plain);
  CHECK(catalog.AddItem(named, "crm-42") == "crm-42");
  CHECK(catalog.AddAsset(plain, "") == "kbulk-" + plain);
  auto naming = catalog.Naming();
  bool in_archive = false;
  CHECK(naming.item_external_id(named, in_archive) == "crm-42");
  CHECK(in_archive);
  CHECK(naming.item_external_id("8c3c1e0e-6b1f-4c6a-9f0e-1f6b1c2d3e4f", in_archive) ==
        "kbulk-8c3c1e0e-6b1f-4c6a-9f0e-1f6b1c2d3e4f");
  CHECK_FALSE(in_archive);  // a forward reference
  CHECK(naming.asset_external_id(plain, in_archive) == "kbulk-" + plain);
  CHECK(in_archive);
  CHECK(naming.asset_external_id(named, in_archive) == "kbulk-" + named);
  CHECK_FALSE(in_archive);  // an item id is not an asset
  CHECK(catalog.AddRendition("r1", "") == "kbulk-r1");
  CHECK(naming.rendition_external_id("r1") == "kbulk-r1");
}

TEST_CASE("asset fingerprints ignore order and see every field") {
  AssetShape shape;
  shape.codename = "logo";
  shape.title = "Logo";
  shape.folder = "images";
  shape.collection = "default";
  shape.descriptions = {{"en-US", "\"A logo\""}, {"de-DE", "\"Ein Logo\""}};
  shape.elements = {{"e1", {"t2", "t1"}}};
  AssetShape reordered = shape;
  reordered.descriptions = {{"de-DE", "\"Ein Logo\""}, {"en-US", "\"A logo\""}};
  reordered.elements = {{"e1", {"t1", "t2"}}};
  CHECK(Fingerprint(shape) == Fingerprint(reordered));
  for (auto change : std::vector<std::function<void(AssetShape&)>>{
           [](AssetShape& s) { s.codename = "logo2"; }, [](AssetShape& s) { s.title = "\x01null"; },
           [](AssetShape& s) { s.folder = ""; }, [](AssetShape& s) { s.collection = "marketing"; },
           [](AssetShape& s) { s.descriptions.pop_back(); }, [](AssetShape& s) { s.elements[0].second.pop_back(); }}) {
    AssetShape changed = shape;
    change(changed);
    CHECK(Fingerprint(changed) != Fingerprint(shape));
  }
  CHECK(Fingerprint(ItemShape{"A", "b"}) != Fingerprint(ItemShape{"Ab", ""}));
}
