#include "part_b_fixture.hpp"

#include <pgsplit/stamp/node_pg_migrate_migrations.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;

TEST_CASE("node-pg-migrate migrations: by number, names without extension, no dotfiles",
          "[stamp]") {
  const auto migrations = stamp::read_node_pg_migrations(stamp_data + "node_pg_migrate");
  REQUIRE(migrations.size() == 2);
  CHECK(migrations[0].name == "9_first"); // 9 before 10, by value
  CHECK(migrations[1].name == "10_second");
}

TEST_CASE("node-pg-migrate plan: pgmigrations rows with run_on = now()", "[stamp]") {
  const auto plan = stamp::node_pg_migrate_stamp_plan(
      part_b_request(stamp::StampTool::node_pg_migrate, "node_pg_migrate"), {"", "pgmigrations"},
      quote_test_ident);
  CHECK(plan.create_statements.at(0) ==
        R"(CREATE TABLE IF NOT EXISTS "pgmigrations" ("id" serial PRIMARY KEY, "name" )"
        R"(varchar(255) NOT NULL, "run_on" timestamp NOT NULL))");
  CHECK(plan.insert_statement ==
        R"(INSERT INTO "pgmigrations" ("name", "run_on") VALUES ($1, now()))");
  REQUIRE(plan.rows.size() == 2);
  CHECK(plan.rows[1] == std::vector<stamp::StampValue>{"10_second"});
  CHECK(plan.key_columns == std::vector<std::string>{"name"});
}
