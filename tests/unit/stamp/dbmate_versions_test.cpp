#include "part_b_fixture.hpp"

#include <pgsplit/stamp/dbmate_versions.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;

TEST_CASE("dbmate migrations: .sql files starting with a number, versions as written", "[stamp]") {
  const auto migrations = stamp::read_dbmate_migrations(stamp_data + "dbmate");
  REQUIRE(migrations.size() == 2); // schema.sql is dbmate's dump, not a migration
  CHECK(migrations[0].version == "20240101120000");
  CHECK(migrations[1].version == "20240102120000");
}

TEST_CASE("dbmate plan: schema_migrations(version varchar(128))", "[stamp]") {
  const auto plan = stamp::dbmate_stamp_plan(part_b_request(stamp::StampTool::dbmate, "dbmate"),
                                             {"", "schema_migrations"}, quote_test_ident);
  CHECK(plan.create_statements.at(0) ==
        R"(CREATE TABLE IF NOT EXISTS "schema_migrations" ("version" varchar(128) PRIMARY KEY))");
  REQUIRE(plan.rows.size() == 2);
  CHECK(plan.rows[0] == std::vector<stamp::StampValue>{"20240101120000"});
}
