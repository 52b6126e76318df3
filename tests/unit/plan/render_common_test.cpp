#include <pgsplit/plan/render_common.hpp>

#include <catch2/catch.hpp>

#include <limits>

using namespace pgsplit::plan::render;

TEST_CASE("format_count separates thousands", "[plan]") {
  CHECK(format_count(0) == "0");
  CHECK(format_count(999) == "999");
  CHECK(format_count(1000) == "1,000");
  CHECK(format_count(1234567) == "1,234,567");
  CHECK(format_count(-1234) == "-1,234");
  CHECK(format_count(std::numeric_limits<std::int64_t>::min()) == "-9,223,372,036,854,775,808");
  CHECK(count_of(1, "table", "tables") == "1 table");
  CHECK(count_of(1200, "row", "rows") == "1,200 rows");
}

TEST_CASE("display_width counts code points", "[plan]") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("a → b") == 5);
  CHECK(display_width("Ünï") == 3);
}
