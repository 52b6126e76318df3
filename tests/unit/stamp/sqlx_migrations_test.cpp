#include "part_b_fixture.hpp"
#include "support/problems.hpp"

#include <pgsplit/stamp/sqlx_migrations.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;

TEST_CASE("sqlx migrations: up files, descriptions, SHA-384 checksums of the files", "[stamp]") {
  const auto migrations = stamp::read_sqlx_migrations(stamp_data + "sqlx");
  REQUIRE(migrations.size() == 2); // the .down.sql is not applied by `migrate run`
  CHECK(migrations[0].version == "1");
  CHECK(migrations[0].description == "create users");
  // sha384sum tests/data/stamp/sqlx/0001_create_users.sql
  CHECK(migrations[0].checksum == "6337697883ead93bde2c64aa4c89983e494facc84418dc07c69854725a0401e9"
                                  "abccd1b1a56f06b2871d89dd25d29d40");
  CHECK(migrations[1].version == "20240102150405");
  CHECK(migrations[1].description == "create posts");
  CHECK(migrations[1].checksum == "be09f52265b83a6fab64f58b5b241f0aa0a5b75187a0aee25881c8ae07846e30"
                                  "ff14c2ff372656e4dd425eca05e084e4");
}

TEST_CASE("sqlx: two files with one version are an error at the second", "[stamp]") {
  const auto problems =
      problems_of([] { stamp::read_sqlx_migrations(stamp_data + "sqlx_duplicate"); });
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].where.file, Catch::EndsWith("1_first.sql"));
  CHECK_THAT(problems[0].message, Catch::Contains("0001_again.sql"));
}

TEST_CASE("sqlx plan: checksum decoded from hex into bytea", "[stamp]") {
  const auto plan = stamp::sqlx_stamp_plan(part_b_request(stamp::StampTool::sqlx, "sqlx"),
                                           {"", "_sqlx_migrations"}, quote_test_ident);
  CHECK(plan.insert_statement ==
        R"(INSERT INTO "_sqlx_migrations" ("version", "description", "success", "checksum", )"
        R"("execution_time") VALUES ($1, $2, $3, decode($4, 'hex'), $5))");
  REQUIRE(plan.rows.size() == 2);
  CHECK(plan.rows[1].at(0) == "20240102150405");
  CHECK(plan.rows[1].at(2) == "true");
  CHECK(plan.rows[1].at(4) == "0");
}
