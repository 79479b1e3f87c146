// VariantGrouping: latest and published records paired with bounded memory, in every order an archive
// can hold them.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <iostream>
#include <random>
#include <string>

#include "importer/variant_grouping.h"

using namespace kbulk::importer;

namespace {

struct Collected {
  std::vector<VariantGroup> groups;
  VariantGrouping::Ready Sink() {
    return [this](VariantGroup g) { groups.push_back(std::move(g)); };
  }
};

}  // namespace

TEST_CASE("a published record joins its latest record across other variants' records", "[importer][grouping]") {
  Collected out;
  VariantGrouping grouping(8, 1 << 20, out.Sink());
  grouping.AddLatest("a/en", "A-latest", true);
  grouping.AddLatest("b/en", "B-latest", false);  // published/archived latest: out at once
  REQUIRE(out.groups.size() == 1);
  CHECK(out.groups[0].key == "b/en");
  grouping.AddLatest("c/en", "C-latest", true);
  grouping.AddPublished("a/en", "A-published");
  REQUIRE(out.groups.size() == 2);
  CHECK(out.groups[1].key == "a/en");
  CHECK(out.groups[1].latest == "A-latest");
  CHECK(out.groups[1].published == "A-published");
  CHECK(grouping.waiting() == 1);
  grouping.Flush();
  REQUIRE(out.groups.size() == 3);
  CHECK(out.groups[2].key == "c/en");
  CHECK_FALSE(out.groups[2].published);
  CHECK(grouping.waiting() == 0);
}

TEST_CASE("the window is bounded: the oldest waiting draft leaves alone", "[importer][grouping]") {
  Collected out;
  VariantGrouping grouping(2, 1 << 20, out.Sink());
  grouping.AddLatest("a/en", "A", true);
  grouping.AddLatest("b/en", "B", true);
  CHECK(out.groups.empty());
  grouping.AddLatest("c/en", "C", true);
  REQUIRE(out.groups.size() == 1);
  CHECK(out.groups[0].key == "a/en");
  // Its published record comes too late: handed out alone and marked so.
  grouping.AddPublished("a/en", "A-published");
  REQUIRE(out.groups.size() == 2);
  CHECK(out.groups[1].late_published);
  CHECK_FALSE(out.groups[1].latest);

  Collected by_bytes;
  VariantGrouping small(100, 10, by_bytes.Sink());
  small.AddLatest("a/en", "123456", true);
  small.AddLatest("b/en", "123456", true);  // 12 bytes > 10
  REQUIRE(by_bytes.groups.size() == 1);
  CHECK(by_bytes.groups[0].key == "a/en");
}

TEST_CASE("a published record before its latest record waits for it", "[importer][grouping]") {
  Collected out;
  VariantGrouping grouping(8, 1 << 20, out.Sink());
  grouping.AddPublished("a/en", "A-published");
  CHECK(out.groups.empty());
  grouping.AddLatest("a/en", "A-latest", false);
  REQUIRE(out.groups.size() == 1);
  CHECK(out.groups[0].latest == "A-latest");
  CHECK(out.groups[0].published == "A-published");
}

TEST_CASE("every record comes out exactly once, paired, whatever the interleaving", "[importer][grouping]") {
  // KBULK_TEST_SEED=<seed> replays a run.
  const char* forced = std::getenv("KBULK_TEST_SEED");
  std::uint64_t seed = forced != nullptr ? std::stoull(forced) : std::random_device{}();
  std::cout << "variant grouping test seed " << seed << " (KBULK_TEST_SEED replays it)\n";
  INFO("seed " << seed);
  std::mt19937_64 random(seed);
  // 200 variants; a third have a published record that follows its latest within 0..20 records.
  std::vector<std::pair<std::string, bool>> stream;  // key, is_published
  std::vector<std::pair<std::size_t, std::string>> pending;
  for (int i = 0; i < 200; ++i) {
    std::string key = "item" + std::to_string(i) + "/en";
    stream.push_back({key, false});
    if (random() % 3 == 0) pending.push_back({stream.size() + random() % 20, key});
    for (auto it = pending.begin(); it != pending.end();) {
      if (it->first <= stream.size()) {
        stream.push_back({it->second, true});
        it = pending.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (const auto& [at, key] : pending) stream.push_back({key, true});
  Collected out;
  VariantGrouping grouping(32, 1 << 20, out.Sink());
  std::size_t published = 0;
  for (const auto& [key, is_published] : stream) {
    if (is_published) {
      ++published;
      grouping.AddPublished(key, key + "#p");
    } else {
      grouping.AddLatest(key, key + "#l", true);
    }
    CHECK(grouping.waiting() <= 32);
  }
  grouping.Flush();
  REQUIRE(out.groups.size() == 200);
  std::size_t paired = 0;
  for (const VariantGroup& group : out.groups) {
    REQUIRE(group.latest);
    CHECK(*group.latest == group.key + "#l");
    if (group.published) {
      CHECK(*group.published == group.key + "#p");
      ++paired;
    }
    CHECK_FALSE(group.late_published);
  }
  CHECK(paired == published);
}

TEST_CASE("a published record under a published or archived latest version is dropped", "[importer][grouping]") {
  Collected out;
  VariantGrouping grouping(8, 1 << 20, out.Sink());
  grouping.AddLatest("a/en", "A-latest", false);
  grouping.AddPublished("a/en", "A-published");
  REQUIRE(out.groups.size() == 1);
  CHECK(out.groups[0].latest == "A-latest");
  CHECK_FALSE(out.groups[0].published);
  grouping.Flush();
  CHECK(out.groups.size() == 1);
}
