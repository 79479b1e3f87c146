// Status and Result.
#include <catch2/catch.hpp>

#include "core/status.h"

namespace {
kbulk::Result<int> Half(int x) {
  if (x % 2 != 0) return kbulk::InvalidArgument("odd: " + std::to_string(x));
  return x / 2;
}
kbulk::Result<int> Quarter(int x) {
  KBULK_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}
}  // namespace

TEST_CASE("status carries a code and a message with context") {
  CHECK(kbulk::Status::Ok().ok());
  auto s = kbulk::NotFound("item 'about_us'").WithContext("GET /items/{id}");
  CHECK_FALSE(s.ok());
  CHECK(s.code() == kbulk::StatusCode::kNotFound);
  CHECK(s.ToString() == "not_found: GET /items/{id}: item 'about_us'");
}

TEST_CASE("result propagates the first error") {
  CHECK(Quarter(8).value() == 2);
  CHECK(Quarter(6).status().message() == "odd: 3");
  CHECK(Quarter(5).status().message() == "odd: 5");
  CHECK(Quarter(8).status().ok());
}
