#include "part_b_fixture.hpp"

#include <pgsplit/stamp/sequelize_meta.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;

TEST_CASE("sequelize migrations: .js/.cjs/.ts/.cts files, not .d.ts, names with extension",
          "[stamp]") {
  const auto migrations = stamp::read_sequelize_migrations(stamp_data + "sequelize");
  REQUIRE(migrations.size() == 2);
  CHECK(migrations[0].name == "20240101-create-users.js");
  CHECK(migrations[1].name == "20240102-create-orders.ts");
}

TEST_CASE("sequelize plan: SequelizeMeta keeps its case, one name per row", "[stamp]") {
  const auto plan = stamp::sequelize_stamp_plan(
      part_b_request(stamp::StampTool::sequelize, "sequelize", "20240101-create-users.js"),
      {"", "SequelizeMeta"}, quote_test_ident);
  CHECK(plan.create_statements.at(0) ==
        R"(CREATE TABLE IF NOT EXISTS "SequelizeMeta" ("name" varchar(255) NOT NULL UNIQUE, )"
        R"(PRIMARY KEY ("name")))");
  REQUIRE(plan.rows.size() == 1);
  CHECK(plan.rows[0] == std::vector<stamp::StampValue>{"20240101-create-users.js"});
  CHECK(plan.volatile_columns.empty());
}
