#include "part_b_fixture.hpp"
#include "support/problems.hpp"

#include <pgsplit/stamp/typeorm_migrations.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;

TEST_CASE("typeorm migrations: classes, name properties, sorted by timestamp", "[stamp]") {
  const auto migrations = stamp::read_typeorm_migrations(stamp_data + "typeorm");
  REQUIRE(migrations.size() == 4);
  CHECK(migrations[0].name == "Earlier1699999999990"); // two classes in one file
  CHECK(migrations[1].name == "Early1699999999999");
  CHECK(migrations[2].name == "CreateUsers1700000000001");  // SQL `SET name = 'x'` is not it
  CHECK(migrations[3].name == "CreateOrders1700000000002"); // the property, not the class name
  CHECK(migrations[3].version == "1700000000002");
}

TEST_CASE("typeorm: a class name without a timestamp is an error at its file and line", "[stamp]") {
  const auto problems =
      problems_of([] { stamp::read_typeorm_migrations(stamp_data + "typeorm_bad_name"); });
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].where.file, Catch::EndsWith("1700000000001-CreateUsers.js"));
  CHECK(problems[0].where.line == 1);
  CHECK_THAT(problems[0].message, Catch::Contains("CreateUsers does not end with a 13-digit"));
}

TEST_CASE("typeorm plan: (timestamp, name) rows in timestamp order", "[stamp]") {
  const auto plan = stamp::typeorm_stamp_plan(
      part_b_request(stamp::StampTool::typeorm, "typeorm", "CreateUsers1700000000001"),
      {"", "migrations"}, quote_test_ident);
  REQUIRE(plan.rows.size() == 3);
  CHECK(plan.rows[2] ==
        std::vector<stamp::StampValue>{"1700000000001", "CreateUsers1700000000001"});
  CHECK(plan.insert_statement ==
        R"(INSERT INTO "migrations" ("timestamp", "name") VALUES ($1, $2))");
}
