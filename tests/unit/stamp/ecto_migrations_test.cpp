#include "part_b_fixture.hpp"

#include <pgsplit/stamp/ecto_migrations.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;

TEST_CASE("ecto migrations: <version>_<name>.exs files, by version", "[stamp]") {
  const auto migrations = stamp::read_ecto_migrations(stamp_data + "ecto");
  REQUIRE(migrations.size() == 2); // .formatter.exs is not a migration
  CHECK(migrations[0].version == "20240101120000");
  CHECK(migrations[1].name == "20240102120000_create_orders.exs");
}

TEST_CASE("ecto plan: schema_migrations(version, inserted_at) in UTC, to the second", "[stamp]") {
  const auto plan = stamp::ecto_stamp_plan(part_b_request(stamp::StampTool::ecto, "ecto"),
                                           {"", "schema_migrations"}, quote_test_ident);
  CHECK(plan.create_statements.at(0) ==
        R"(CREATE TABLE IF NOT EXISTS "schema_migrations" ("version" bigint PRIMARY KEY, )"
        R"("inserted_at" timestamp(0)))");
  CHECK_THAT(plan.insert_statement, Catch::Contains("(now() AT TIME ZONE 'UTC')::timestamp(0)"));
  REQUIRE(plan.rows.size() == 2);
}
