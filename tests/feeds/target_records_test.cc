// The feed import's target records as SpillingIndex values: every field and hash comes back, NUL bytes and
// empty fields included; a damaged value decodes to nothing.
#include <catch2/catch.hpp>

#include <string>

#include "feeds/target_records.h"

namespace kbulk::feeds {
namespace {

TEST_CASE("target records: items and variants decode to what was encoded, damaged values to nothing",
          "[feeds][spill]") {
  TargetItem item{"id-1", std::string("code\0name", 9), "", "Name, \"quoted\"", "type-1", ""};
  auto back = DecodeTargetItem(EncodeTargetItem(item));
  REQUIRE(back.has_value());
  CHECK(back->id == item.id);
  CHECK(back->codename == item.codename);
  CHECK(back->external_id.empty());
  CHECK(back->name == item.name);
  CHECK(back->type_id == item.type_id);
  CHECK(back->collection_id.empty());

  TargetVariant variant{"default", "draft", importer::VariantPhase::kPublished, {0, 1, ~std::uint64_t{0}, 42}};
  auto variant_back = DecodeTargetVariant(EncodeTargetVariant(variant));
  REQUIRE(variant_back.has_value());
  CHECK(variant_back->workflow == "default");
  CHECK(variant_back->step == "draft");
  CHECK(variant_back->phase == importer::VariantPhase::kPublished);
  CHECK(variant_back->values == variant.values);
  auto empty = DecodeTargetVariant(EncodeTargetVariant(TargetVariant{}));
  REQUIRE(empty.has_value());
  CHECK(empty->values.empty());

  std::string encoded = EncodeTargetItem(item);
  CHECK_FALSE(DecodeTargetItem(std::string_view(encoded).substr(0, encoded.size() - 1)).has_value());
  std::string encoded_variant = EncodeTargetVariant(variant);
  CHECK_FALSE(DecodeTargetVariant(std::string_view(encoded_variant).substr(0, encoded_variant.size() - 3)));
  CHECK_FALSE(DecodeTargetVariant("").has_value());
}

}  // namespace
}  // namespace kbulk::feeds
