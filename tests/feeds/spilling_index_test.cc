// SpillingIndex and ArchiveNames with a tiny memory budget, so the names spill to temporary files: every
// lookup must give what an in-memory map gives (later puts win, puts after lookups, absent keys).
#include <catch2/catch.hpp>

#include <cstdint>
#include <iostream>
#include <map>
#include <random>
#include <string>

#include "content/import_naming.h"
#include "core/uuid.h"
#include "feeds/archive_names.h"
#include "feeds/spilling_index.h"
#include "formats/record_envelope.h"

namespace kbulk::feeds {
namespace {

std::string RandomBytes(std::mt19937_64& rng, std::size_t max_size) {
  std::string text(rng() % (max_size + 1), '\0');
  for (char& c : text) c = static_cast<char>(rng() % 256);  // binary keys and values, NUL included
  return text;
}

void CheckAll(SpillingIndex& index, const std::map<std::string, std::string>& expected, std::mt19937_64& rng) {
  std::string value;
  for (const auto& [key, want] : expected) {
    value = "stale";
    auto found = index.Get(key, value);
    REQUIRE(found.ok());
    INFO("key of " << key.size() << " bytes");
    REQUIRE(*found);
    REQUIRE(value == want);
  }
  for (int i = 0; i < 200; ++i) {
    std::string absent = "absent:" + RandomBytes(rng, 20);
    if (expected.count(absent) != 0) continue;
    value = "untouched";
    auto found = index.Get(absent, value);
    REQUIRE(found.ok());
    REQUIRE_FALSE(*found);
    REQUIRE(value == "untouched");
  }
}

TEST_CASE("SpillingIndex with a tiny budget spills and still finds every entry", "[feeds][spill]") {
  const std::uint64_t seed = std::random_device{}();
  std::cout << "SpillingIndex test seed " << seed << "\n";
  std::mt19937_64 rng(seed);
  SpillingIndex index(2048);  // a few dozen entries per run
  std::map<std::string, std::string> expected;
  std::vector<std::string> keys;
  for (int round = 0; round < 3; ++round) {  // puts after lookups go to memory and spill again
    for (int i = 0; i < 3000; ++i) {
      std::string key;
      if (!keys.empty() && rng() % 5 == 0) {
        key = keys[rng() % keys.size()];  // overwritten: the later value wins, in memory or on disk
      } else {
        key = RandomBytes(rng, 40);
        keys.push_back(key);
      }
      std::string value = RandomBytes(rng, rng() % 50 == 0 ? 9000 : 100);  // some larger than a block
      REQUIRE(index.Put(key, value).ok());
      expected[key] = value;
    }
    CheckAll(index, expected, rng);
  }
  REQUIRE(index.spills() > 32);  // more runs than are merged at once
  REQUIRE(index.memory_bytes() <= 2048 + 9000 + 200);
}

TEST_CASE("SpillingIndex within its budget never spills", "[feeds][spill]") {
  std::mt19937_64 rng(7);
  SpillingIndex index(1 << 20);
  std::map<std::string, std::string> expected;
  for (int i = 0; i < 500; ++i) {
    std::string key = RandomBytes(rng, 30), value = RandomBytes(rng, 60);
    REQUIRE(index.Put(key, value).ok());
    expected[key] = value;
  }
  CheckAll(index, expected, rng);
  REQUIRE(index.spills() == 0);
}

std::string Item(const std::string& id, const std::string& codename, const std::string& external_id,
                 const std::string& type_id, const std::string& name, const std::string& collection_id) {
  std::string json = "{\"id\":\"" + id + "\",\"codename\":\"" + codename + "\",\"name\":\"" + name +
                     "\",\"type\":{\"id\":\"" + type_id + "\"},\"collection\":{\"id\":\"" + collection_id + "\"}";
  if (!external_id.empty()) json += ",\"external_id\":\"" + external_id + "\"";
  return json + "}";
}

TEST_CASE("ArchiveNames spilling to disk answers every lookup as in memory", "[feeds][spill]") {
  const std::uint64_t seed = std::random_device{}();
  std::cout << "ArchiveNames test seed " << seed << "\n";
  std::mt19937_64 rng(seed);
  ArchiveNames spilled(1024), in_memory(std::size_t{1} << 30);
  const std::string feed_type = Uuid::Random(rng).ToString(), other_type = Uuid::Random(rng).ToString();
  const std::string collections[] = {Uuid::Random(rng).ToString(), Uuid::Random(rng).ToString()};
  struct Expected {
    std::string codename, external_id, name, type, collection;
  };
  std::map<std::string, Expected> items;
  for (int i = 0; i < 4000; ++i) {
    // Mostly UUIDs; some ids that are not (kept under their text).
    std::string id = i % 97 == 0 ? "item-" + std::to_string(i) : Uuid::Random(rng).ToString();
    bool feed = rng() % 2 == 0;
    Expected e{"item_" + std::to_string(i), rng() % 3 == 0 ? "ext-" + std::to_string(i) : "",
               "Name ½ " + std::to_string(i), feed ? feed_type : other_type, collections[rng() % 2]};
    std::string json = Item(id, e.codename, e.external_id, e.type, e.name, e.collection);
    REQUIRE(spilled.AddItem(json, &feed_type).ok());
    REQUIRE(in_memory.AddItem(json, &feed_type).ok());
    if (!feed) e.name.clear(), e.collection.clear();  // kept for the feed's type only
    items[id] = e;
  }
  std::map<std::string, std::string> assets, renditions;  // id -> external id ("" = none)
  for (int i = 0; i < 500; ++i) {
    std::string id = Uuid::Random(rng).ToString(), rendition = Uuid::Random(rng).ToString();
    std::string external = i % 2 == 0 ? "asset-" + std::to_string(i) : "";
    std::string rendition_external = i % 3 == 0 ? "rendition-" + std::to_string(i) : "";
    std::string asset =
        "{\"id\":\"" + id + "\"" + (external.empty() ? "" : ",\"external_id\":\"" + external + "\"") + "}";
    std::string rendition_json = "[{\"rendition_id\":\"" + rendition + "\"" +
                                 (rendition_external.empty() ? "" : ",\"external_id\":\"" + rendition_external + "\"") +
                                 "}]";
    std::string record = formats::MakeAssetRecord(std::nullopt, rendition_json, asset);
    REQUIRE(spilled.AddAsset(record).ok());
    REQUIRE(in_memory.AddAsset(record).ok());
    assets[id] = external;
    renditions[rendition] = rendition_external;
  }
  REQUIRE(spilled.spills() > 0);
  REQUIRE(in_memory.spills() == 0);
  for (const ArchiveNames* names : {&spilled, &in_memory}) {
    for (const auto& [id, e] : items) {
      INFO("item " << id);
      auto item = names->Item(id);
      REQUIRE(item.has_value());
      REQUIRE(item->codename == e.codename);
      REQUIRE(item->external_id.value_or("") == e.external_id);
      REQUIRE(item->external_id.has_value() == !e.external_id.empty());
      REQUIRE(item->name == e.name);
      REQUIRE(names->Interned(item->type) == e.type);
      REQUIRE(names->Interned(item->collection) == e.collection);
      const std::string* codename = names->ItemCodename(id);
      REQUIRE(codename != nullptr);
      REQUIRE(*codename == e.codename);
      REQUIRE(names->ItemExternalId(id) == (e.external_id.empty() ? content::SourceExternalId(id) : e.external_id));
    }
    for (const auto& [id, external] : assets) {
      REQUIRE(names->AssetExternalId(id) == (external.empty() ? content::SourceExternalId(id) : external));
    }
    for (const auto& [id, external] : renditions) {
      REQUIRE(names->RenditionExternalId(id) == (external.empty() ? content::SourceExternalId(id) : external));
    }
    std::string unknown = Uuid::Random(rng).ToString();
    REQUIRE_FALSE(names->Item(unknown).has_value());
    REQUIRE(names->ItemCodename(unknown) == nullptr);
    REQUIRE(names->ItemExternalId(unknown) == content::SourceExternalId(unknown));
    REQUIRE(names->AssetExternalId(unknown) == content::SourceExternalId(unknown));
    REQUIRE(names->status().ok());
  }
}

}  // namespace
}  // namespace kbulk::feeds
