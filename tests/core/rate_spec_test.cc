#include "core/rate_spec.h"

#include <catch2/catch.hpp>

using kbulk::ParseRateSpec;

TEST_CASE("rate specs: real and off and both windows") {
  auto real = ParseRateSpec("real");
  REQUIRE(real.ok());
  CHECK(real->per_second == 10);
  CHECK(real->per_minute == 400);
  auto off = ParseRateSpec("off");
  REQUIRE(off.ok());
  CHECK_FALSE(off->enabled());
  auto both = ParseRateSpec("5/s,300/min");
  REQUIRE(both.ok());
  CHECK(both->per_second == 5);
  CHECK(both->per_minute == 300);
  auto minute = ParseRateSpec("100/min");
  REQUIRE(minute.ok());
  CHECK(minute->per_second == 0);
  CHECK(minute->per_minute == 100);
}

TEST_CASE("rate specs: malformed ones are refused with the reason") {
  for (const char* bad : {"", "5x/s", "x/s", "/s", "5/", "5/h", "0/s", "-1/s", "5/s,", "5/s,6/s", " 5/s", "5 /s",
                          "99999999999/s", "5/s;400/min", "10/s,400/min,"}) {
    INFO(bad);
    auto parsed = ParseRateSpec(bad);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.status().message().find("rate limit '") == 0);
  }
  CHECK(ParseRateSpec("5x/s").status().message().find("'5x' is not a whole number") != std::string::npos);
  CHECK(ParseRateSpec("5/h").status().message().find("unknown window 'h'") != std::string::npos);
}
