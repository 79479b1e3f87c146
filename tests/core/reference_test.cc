// References: exactly one of id / codename / external_id, validated per kind.
#include <catch2/catch.hpp>

#include "core/reference.h"

using kbulk::Reference;

TEST_CASE("references parse each of the three forms") {
  auto id = Reference::FromJson(R"({"id":"3f367e4f-75b7-4b48-be3b-1136bbaf1f53"})");
  REQUIRE(id.ok());
  CHECK(id->kind() == Reference::Kind::kId);
  CHECK(id->ToPathSegment() == "3f367e4f-75b7-4b48-be3b-1136bbaf1f53");
  auto codename = Reference::FromJson(R"({"codename":"my_article"})");
  REQUIRE(codename.ok());
  CHECK(codename->ToPathSegment() == "codename/my_article");
  auto external = Reference::FromJson(R"({"external_id":"custom-object-identifier"})");
  REQUIRE(external.ok());
  CHECK(external->ToPathSegment() == "external-id/custom-object-identifier");
}

TEST_CASE("references round-trip through JSON") {
  for (const auto& r : {Reference::ById("3f367e4f-75b7-4b48-be3b-1136bbaf1f53"), Reference::ByCodename("x_y"),
                        Reference::ByExternalId("ext-1")}) {
    auto back = Reference::FromJson(r.ToJson());
    REQUIRE(back.ok());
    CHECK(*back == r);
  }
  CHECK(Reference::ByExternalId("a\"b").ToJson() == R"({"external_id":"a\"b"})");
}

TEST_CASE("references reject everything that is not exactly one valid key") {
  CHECK_FALSE(Reference::FromJson(R"({})").ok());
  CHECK_FALSE(Reference::FromJson(R"({"id":"3f367e4f-75b7-4b48-be3b-1136bbaf1f53","codename":"a"})").ok());
  CHECK_FALSE(Reference::FromJson(R"({"name":"a"})").ok());
  CHECK_FALSE(Reference::FromJson(R"({"id":"not-a-uuid"})").ok());
  CHECK_FALSE(Reference::FromJson(R"({"id":42})").ok());
  CHECK_FALSE(Reference::FromJson(R"({"codename":"Bad Name"})").ok());
  CHECK_FALSE(Reference::FromJson(R"({"external_id":"a/b"})").ok());
  CHECK_FALSE(Reference::FromJson(R"(["id"])").ok());
  CHECK_FALSE(Reference::FromJson(R"({"id":)").ok());
}

TEST_CASE("external ids must not contain slash, dot or semicolon") {
  CHECK(kbulk::ValidateExternalId("custom-object-identifier").ok());
  CHECK(kbulk::ValidateExternalId("Mixed_Case-123 with space").ok());
  CHECK_FALSE(kbulk::ValidateExternalId("").ok());
  CHECK_FALSE(kbulk::ValidateExternalId("a/b").ok());
  CHECK_FALSE(kbulk::ValidateExternalId("a.b").ok());
  CHECK_FALSE(kbulk::ValidateExternalId("a;b").ok());
  CHECK(kbulk::ValidateExternalId("file.png").message().find("'.'") != std::string::npos);
}
