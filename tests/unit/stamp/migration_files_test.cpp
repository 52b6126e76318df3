#include "support/problems.hpp"

#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/migration_files.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using pgsplit::testing::problems_of;

TEST_CASE("migration_files helpers read numbers and bigint ranges", "[stamp]") {
  CHECK(stamp::leading_digits("20240101_users.js") == "20240101");
  CHECK(stamp::leading_digits("users.js").empty());
  CHECK(stamp::without_leading_zeros("00010") == "10");
  CHECK(stamp::without_leading_zeros("000") == "0");
  CHECK(stamp::fits_bigint("9223372036854775807"));
  CHECK(stamp::fits_bigint("00009223372036854775807"));
  CHECK_FALSE(stamp::fits_bigint("9223372036854775808"));
  CHECK_FALSE(stamp::fits_bigint("12a"));
}

TEST_CASE("count_up_to: latest is all, a version or a name cuts the list after it", "[stamp]") {
  const std::vector<stamp::MigrationKey> keys{
      {"0001", "0001_a.sql"}, {"0002", "0002_b.sql"}, {"0003", "0003_c.sql"}};
  const core::Location origin{"pgsplit.yaml", 4, 7, "", ""};
  CHECK(stamp::count_up_to(keys, "latest", origin, "dbmate", "m") == 3);
  CHECK(stamp::count_up_to(keys, "head", origin, "dbmate", "m") == 3);
  CHECK(stamp::count_up_to(keys, "2", origin, "dbmate", "m") == 2); // leading zeros do not count
  CHECK(stamp::count_up_to(keys, "0001_a.sql", origin, "dbmate", "m") == 1);

  const auto unknown = problems_of([&] { stamp::count_up_to(keys, "7", origin, "dbmate", "m"); });
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].where.line == 4); // the mapping entry
  CHECK_THAT(unknown[0].message, Catch::Contains("unknown dbmate version '7'"));

  const auto empty = problems_of([&] { stamp::count_up_to({}, "latest", origin, "knex", "m"); });
  REQUIRE(empty.size() == 1);
  CHECK_THAT(empty[0].message, Catch::Contains("m has no knex migration to stamp"));
}
