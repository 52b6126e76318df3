#include <pgsplit/plan/row_filter.hpp>

#include <catch2/catch.hpp>

using pgsplit::plan::filter_expression;

// A trailing `-- comment` in a filter used to swallow the closing parenthesis of the COPY.
TEST_CASE("a row filter is parenthesised on lines of its own", "[plan]") {
  CHECK(filter_expression("id > 10") == "(\nid > 10\n)");
  CHECK(filter_expression("tenant = 7 -- only ours") == "(\ntenant = 7 -- only ours\n)");
}
