#include <pgsplit/verify/sequence_checks.hpp>

#include <catch2/catch.hpp>

#include <limits>

using namespace pgsplit::verify;

TEST_CASE("an ascending sequence must hand out a value above the column's maximum", "[verify]") {
  // setval(seq, max) after a copy: nextval() returns max + 1.
  CHECK(hands_out_new_values({.last_value = 7, .is_called = true, .increment = 1}, 1, 7));
  // setval(seq, max, false): nextval() returns max itself.
  CHECK_FALSE(hands_out_new_values({.last_value = 7, .is_called = false, .increment = 1}, 1, 7));
  CHECK(hands_out_new_values({.last_value = 8, .is_called = false, .increment = 1}, 1, 7));
  // Set back.
  CHECK_FALSE(hands_out_new_values({.last_value = 4, .is_called = true, .increment = 1}, 1, 7));
  // A larger increment jumps past the maximum.
  CHECK(hands_out_new_values({.last_value = 4, .is_called = true, .increment = 5}, 1, 7));
  CHECK_FALSE(hands_out_new_values({.last_value = 2, .is_called = true, .increment = 5}, 1, 7));
}

TEST_CASE("a descending sequence must hand out a value below the column's minimum", "[verify]") {
  CHECK(hands_out_new_values({.last_value = -7, .is_called = true, .increment = -1}, -7, -1));
  CHECK_FALSE(
      hands_out_new_values({.last_value = -7, .is_called = false, .increment = -1}, -7, -1));
  CHECK_FALSE(hands_out_new_values({.last_value = -3, .is_called = true, .increment = -1}, -7, -1));
  CHECK(hands_out_new_values({.last_value = -3, .is_called = true, .increment = -10}, -7, -1));
}

TEST_CASE("the sequence comparison never overflows", "[verify]") {
  constexpr auto lowest = std::numeric_limits<std::int64_t>::min();
  constexpr auto highest = std::numeric_limits<std::int64_t>::max();
  CHECK_FALSE(hands_out_new_values({.last_value = lowest, .is_called = true, .increment = 1},
                                   lowest, highest));
  CHECK(hands_out_new_values({.last_value = highest, .is_called = true, .increment = highest},
                             lowest, highest - 1));
  CHECK_FALSE(hands_out_new_values({.last_value = highest, .is_called = true, .increment = lowest},
                                   lowest, highest));
}
