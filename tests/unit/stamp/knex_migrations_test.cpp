#include "part_b_fixture.hpp"
#include "support/problems.hpp"

#include <pgsplit/stamp/knex_migrations.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;

TEST_CASE("knex migrations: files with knex's extensions, by name, names with extension",
          "[stamp]") {
  const auto migrations = stamp::read_knex_migrations(stamp_data + "knex");
  REQUIRE(migrations.size() == 2); // README.md and .d.json are not migrations
  CHECK(migrations[0].name == "20240101120000_create_users.js");
  CHECK(migrations[0].version == "20240101120000");
  CHECK(migrations[1].name == "20240102120000_create_orders.ts");
}

TEST_CASE("knex plan: knex_migrations rows in batch 1, the lock table and its row", "[stamp]") {
  const auto request = part_b_request(stamp::StampTool::knex, "knex", "20240101120000");
  const auto plan = stamp::knex_stamp_plan(request, {"app", "knex_migrations"}, quote_test_ident);
  CHECK(plan.qualified_table == R"("app"."knex_migrations")");
  REQUIRE(plan.rows.size() == 1); // up to the version named
  CHECK(plan.rows[0] == std::vector<stamp::StampValue>{"20240101120000_create_users.js", "1"});
  REQUIRE(plan.create_statements.size() == 3);
  CHECK_THAT(plan.create_statements[1],
             Catch::Contains(R"(CREATE TABLE IF NOT EXISTS "app"."knex_migrations_lock")"));
  CHECK(plan.create_statements[2] ==
        R"(INSERT INTO "app"."knex_migrations_lock" ("is_locked") SELECT 0 WHERE NOT EXISTS )"
        R"((SELECT 1 FROM "app"."knex_migrations_lock"))");
  CHECK(plan.volatile_columns == std::vector<std::string>{"id", "migration_time"});
  CHECK(plan.summary ==
        R"(knex: "app"."knex_migrations" with 1 migration, up to 20240101120000_create_users.js)");
}

TEST_CASE("knex plan: errors point at the mapping entry", "[stamp]") {
  const auto unknown = problems_of([] {
    stamp::knex_stamp_plan(part_b_request(stamp::StampTool::knex, "knex", "2099"),
                           {"", "knex_migrations"}, quote_test_ident);
  });
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].where.file == "pgsplit.yaml");
  CHECK(unknown[0].where.line == 7);
  CHECK_THAT(unknown[0].message, Catch::Contains("unknown knex version '2099'"));
  const auto missing = problems_of([] {
    stamp::knex_stamp_plan(part_b_request(stamp::StampTool::knex, "no_such_folder"),
                           {"", "knex_migrations"}, quote_test_ident);
  });
  REQUIRE(missing.size() == 1);
  CHECK_THAT(missing[0].where.file, Catch::EndsWith("no_such_folder"));
}

TEST_CASE("part B stamps need their migration files, whatever the version", "[stamp]") {
  const auto quote = [](std::string_view name) { return quote_test_ident(name); };
  const auto knex = problems_of(
      [&] { stamp::plan_stamp(part_b_request(stamp::StampTool::knex, "", "2024"), quote); });
  REQUIRE(knex.size() == 1);
  CHECK(knex[0].where.line == 7);
  CHECK_THAT(knex[0].message, Catch::Contains("a knex stamp needs migrations_dir"));
  const auto liquibase = problems_of(
      [&] { stamp::plan_stamp(part_b_request(stamp::StampTool::liquibase, "", "1"), quote); });
  REQUIRE(liquibase.size() == 1);
  CHECK_THAT(liquibase[0].message, Catch::Contains("a liquibase stamp needs changelog"));
}
