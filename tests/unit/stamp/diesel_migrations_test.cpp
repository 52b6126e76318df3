#include "part_b_fixture.hpp"
#include "support/problems.hpp"

#include <pgsplit/stamp/diesel_migrations.hpp>
#include <pgsplit/stamp/stamp_request.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;

TEST_CASE("diesel migrations: folders with up.sql, versions without dashes", "[stamp]") {
  const auto migrations = stamp::read_diesel_migrations(stamp_data + "diesel");
  REQUIRE(migrations.size() == 3);
  CHECK(migrations[0].version == "00000000000000"); // diesel setup's own migration
  CHECK(migrations[1].version == "20240102150405");
  CHECK(migrations[2].name == "2024-01-10-090000_create_posts");
}

TEST_CASE("diesel: a folder without up.sql is an error at the folder", "[stamp]") {
  const auto problems =
      problems_of([] { stamp::read_diesel_migrations(stamp_data + "diesel_no_up"); });
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].where.file, Catch::EndsWith("2024-01-02-150405_create_users"));
}

TEST_CASE("diesel plan: the table is always __diesel_schema_migrations", "[stamp]") {
  const auto quote = [](std::string_view name) { return quote_test_ident(name); };
  auto request = part_b_request(stamp::StampTool::diesel, "diesel", "2024-01-02-150405");
  const auto plan = stamp::plan_stamp(request, quote);
  CHECK(plan.qualified_table == R"("__diesel_schema_migrations")");
  REQUIRE(plan.rows.size() == 2); // the version as folder name part, dashes and all
  request.table = "my_versions";
  const auto problems = problems_of([&] { stamp::plan_stamp(request, quote); });
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].message, Catch::Contains("always __diesel_schema_migrations"));
}
