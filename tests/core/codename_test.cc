// Codename rules from the spec's "Rules for codenames", each with examples and counter-examples.
#include <catch2/catch.hpp>

#include <set>

#include "core/codename.h"

using kbulk::CodenameFromName;
using kbulk::CodenameKind;
using kbulk::ValidateCodename;

TEST_CASE("only lowercase letters, numbers and underscores are permitted") {
  CHECK(ValidateCodename("article").ok());
  CHECK(ValidateCodename("my_article_2").ok());
  CHECK(ValidateCodename("a1_b2_c3").ok());
  CHECK_FALSE(ValidateCodename("Article").ok());
  CHECK_FALSE(ValidateCodename("my-article").ok());
  CHECK_FALSE(ValidateCodename("my article").ok());
  CHECK_FALSE(ValidateCodename("my.article").ok());
  CHECK_FALSE(ValidateCodename("caf\xc3\xa9").ok());
  CHECK(ValidateCodename("my-article").message().find("position 2") != std::string::npos);
}

TEST_CASE("codenames start with a letter or an underscore and have at least one character") {
  CHECK(ValidateCodename("_").ok());
  CHECK(ValidateCodename("_1").ok());
  CHECK(ValidateCodename("a").ok());
  CHECK_FALSE(ValidateCodename("").ok());
  CHECK_FALSE(ValidateCodename("1a").ok());
  CHECK_FALSE(ValidateCodename("9").ok());
}

TEST_CASE("codenames are limited to 60 characters except options and taxonomy terms") {
  std::string sixty(60, 'a');
  std::string sixty_one(61, 'a');
  CHECK(ValidateCodename(sixty).ok());
  CHECK_FALSE(ValidateCodename(sixty_one).ok());
  CHECK(ValidateCodename(sixty_one, CodenameKind::kOptionOrTerm).ok());
  CHECK(ValidateCodename(std::string(kbulk::kLongCodenameLimit, 'a'), CodenameKind::kOptionOrTerm).ok());
  CHECK_FALSE(ValidateCodename(std::string(kbulk::kLongCodenameLimit + 1, 'a'), CodenameKind::kOptionOrTerm).ok());
  CHECK(ValidateCodename(sixty_one).message().find("limit is 60") != std::string::npos);
}

TEST_CASE("codenames of elements within a snippet are prefixed with the snippet's codename") {
  CHECK(kbulk::ValidateSnippetElementCodename("seo", "seo__title").ok());
  CHECK_FALSE(kbulk::ValidateSnippetElementCodename("seo", "title").ok());
  CHECK_FALSE(kbulk::ValidateSnippetElementCodename("seo", "seo_title").ok());
  CHECK_FALSE(kbulk::ValidateSnippetElementCodename("seo", "seo__").ok());
  CHECK_FALSE(kbulk::ValidateSnippetElementCodename("seo", "seox__title").ok());
}

TEST_CASE("generation makes letters lowercase") {
  CHECK(CodenameFromName("Article") == "article");
  CHECK(CodenameFromName("ABC") == "abc");
}

TEST_CASE("generation replaces every forbidden character by an underscore") {
  CHECK(CodenameFromName("My article") == "my_article");
  CHECK(CodenameFromName("Hello, World!") == "hello__world_");
  CHECK(CodenameFromName("a-b.c/d") == "a_b_c_d");
  // One underscore per code point, not per byte.
  CHECK(CodenameFromName("Caf\xc3\xa9") == "caf_");
  CHECK(CodenameFromName("\xe6\x97\xa5\xe6\x9c\xac") == "__");
  CHECK(ValidateCodename(CodenameFromName("\xf0\x9f\x98\x80 smile")).ok());
}

TEST_CASE("generation puts n before names that start with a number") {
  CHECK(CodenameFromName("3 tips") == "n3_tips");
  CHECK(CodenameFromName("2024") == "n2024");
  CHECK(CodenameFromName("a3") == "a3");
  CHECK(ValidateCodename(CodenameFromName("1")).ok());
}

TEST_CASE("generation cuts codenames at the character limit") {
  std::string long_name(300, 'x');
  CHECK(CodenameFromName(long_name).size() == 60);
  CHECK(CodenameFromName(long_name, CodenameKind::kOptionOrTerm).size() == kbulk::kLongCodenameLimit);
  // The leading 'n' counts toward the limit.
  CHECK(CodenameFromName(std::string(70, '7')).size() == 60);
}

TEST_CASE("generation prefixes snippet elements with the snippet codename") {
  CHECK(CodenameFromName("Meta title", CodenameKind::kStandard, "seo__") == "seo__meta_title");
  CHECK(CodenameFromName(std::string(80, 'a'), CodenameKind::kStandard, "seo__").size() == 60);
}

TEST_CASE("generation of an empty name still gives a valid codename") {
  CHECK(ValidateCodename(CodenameFromName("")).ok());
}

TEST_CASE("codenames that duplicate another get a random suffix") {
  std::mt19937_64 rng(42);
  std::set<std::string> taken = {"article"};
  auto is_taken = [&](std::string_view c) { return taken.count(std::string(c)) > 0; };
  CHECK(kbulk::UniqueCodename("blog", is_taken, rng) == "blog");
  for (int i = 0; i < 50; ++i) {
    std::string unique = kbulk::UniqueCodename("article", is_taken, rng);
    CHECK(unique != "article");
    CHECK(unique.rfind("article_", 0) == 0);
    CHECK(ValidateCodename(unique).ok());
    CHECK(taken.insert(unique).second);
  }
  std::string base(60, 'z');
  taken.insert(base);
  std::string unique = kbulk::UniqueCodename(base, is_taken, rng);
  CHECK(unique.size() <= 60);
  CHECK(ValidateCodename(unique).ok());
}
