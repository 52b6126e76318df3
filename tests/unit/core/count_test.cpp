#include <pgsplit/core/count.hpp>

#include <catch2/catch.hpp>

#include <limits>

using pgsplit::core::format_count;

TEST_CASE("format_count separates thousands with commas", "[core]") {
  CHECK(format_count(0) == "0");
  CHECK(format_count(999) == "999");
  CHECK(format_count(1000) == "1,000");
  CHECK(format_count(1234567) == "1,234,567");
  CHECK(format_count(-1234) == "-1,234");
  CHECK(format_count(std::numeric_limits<std::int64_t>::min()) == "-9,223,372,036,854,775,808");
}
