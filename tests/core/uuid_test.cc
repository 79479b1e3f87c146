// UUID parsing, formatting and generation.
#include <catch2/catch.hpp>

#include <set>

#include "core/uuid.h"

using kbulk::Uuid;

TEST_CASE("uuids parse and format in lowercase") {
  auto u = Uuid::Parse("3F367E4F-75B7-4B48-BE3B-1136BBAF1F53");
  REQUIRE(u.has_value());
  CHECK(u->ToString() == "3f367e4f-75b7-4b48-be3b-1136bbaf1f53");
  CHECK(Uuid::Parse("{3f367e4f-75b7-4b48-be3b-1136bbaf1f53}").has_value());
  CHECK(Uuid::Parse("00000000-0000-0000-0000-000000000000")->IsNil());
}

TEST_CASE("malformed uuids are rejected") {
  CHECK_FALSE(Uuid::IsValid(""));
  CHECK_FALSE(Uuid::IsValid("3f367e4f75b74b48be3b1136bbaf1f53"));
  CHECK_FALSE(Uuid::IsValid("3f367e4f-75b7-4b48-be3b-1136bbaf1f5"));
  CHECK_FALSE(Uuid::IsValid("3f367e4f-75b7-4b48-be3b-1136bbaf1f533"));
  CHECK_FALSE(Uuid::IsValid("3f367e4f-75b7-4b48-be3b_1136bbaf1f53"));
  CHECK_FALSE(Uuid::IsValid("gf367e4f-75b7-4b48-be3b-1136bbaf1f53"));
  CHECK_FALSE(Uuid::IsValid("{3f367e4f-75b7-4b48-be3b-1136bbaf1f53"));
}

TEST_CASE("random uuids are version 4, distinct and reproducible from a seed") {
  std::mt19937_64 a(7), b(7);
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    Uuid u = Uuid::Random(a);
    CHECK(u == Uuid::Random(b));
    std::string s = u.ToString();
    CHECK(s[14] == '4');
    CHECK((s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b'));
    CHECK(seen.insert(s).second);
    CHECK(Uuid::Parse(s) == u);
  }
}

TEST_CASE("name-based uuids are stable and distinct") {
  CHECK(Uuid::FromName("kbulk", "a") == Uuid::FromName("kbulk", "a"));
  CHECK(Uuid::FromName("kbulk", "a") != Uuid::FromName("kbulk", "b"));
  CHECK(Uuid::FromName("kbulk", "ab") != Uuid::FromName("kbulka", "b"));
  CHECK(Uuid::FromName("x", "y").ToString()[14] == '5');
}
