#include "part_b_fixture.hpp"
#include "support/problems.hpp"

#include <pgsplit/stamp/liquibase_changelog.hpp>
#include <pgsplit/stamp/stamp_request.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;

namespace {
const std::string dir = stamp_data + "liquibase/";
}

TEST_CASE("liquibase formatted SQL: changesets, comments, labels and contexts", "[stamp]") {
  const auto sets = stamp::read_liquibase_changelog(dir + "changelog.sql");
  REQUIRE(sets.size() == 3);
  CHECK(sets[0].author == "alice");
  CHECK(sets[0].version == "1");
  CHECK(sets[0].comments == "the users");
  CHECK(sets[0].description == "sql");
  CHECK(sets[1].author == "bob smith");
  CHECK(sets[1].version == "orders-2");
  CHECK(sets[1].labels == "billing");
  CHECK(sets[1].contexts == "prod");
  CHECK(sets[1].line == 7);
  CHECK(sets[2].name == "alice:3");
}

TEST_CASE("liquibase YAML: changeSets in order, change types as description", "[stamp]") {
  const auto sets = stamp::read_liquibase_changelog(dir + "changelog.yaml");
  REQUIRE(sets.size() == 2);
  CHECK(sets[0].version == "catalog-1");
  CHECK(sets[0].description == "createTable, sql");
  CHECK(sets[0].comments == "products");
  CHECK(sets[0].labels == "catalog");
  CHECK(sets[1].contexts == "prod");
}

TEST_CASE("liquibase: unsupported and broken changelogs are errors at the file", "[stamp]") {
  const auto check = [](const std::string& file, const std::string& message, int line) {
    INFO(file);
    const auto problems = problems_of([&] { stamp::read_liquibase_changelog(dir + file); });
    REQUIRE(problems.size() == 1);
    CHECK_THAT(problems[0].where.file, Catch::EndsWith(file));
    CHECK(problems[0].where.line == line);
    CHECK_THAT(problems[0].message, Catch::Contains(message));
  };
  check("changelog.xml", "formatted SQL and YAML changelogs, not .xml", 0);
  check("include.yaml", "included changelogs are not read", 2);
  check("duplicate.sql", "changeset a:1 is defined twice", 4);
  check("not_formatted.sql", "not a formatted SQL changelog", 1);
  check("no_author.yaml", "changeSet without id or author", 3);
}

TEST_CASE("liquibase plan: changelog-sync rows, md5sum NULL, the lock table", "[stamp]") {
  auto request = part_b_request(stamp::StampTool::liquibase, "liquibase/changelog.sql", "orders-2");
  request.changelog_name = "db/changelog.sql";
  const auto plan =
      stamp::liquibase_stamp_plan(request, {"lb", "databasechangelog"}, quote_test_ident);
  REQUIRE(plan.rows.size() == 2);
  CHECK(plan.rows[1] == std::vector<stamp::StampValue>{"orders-2", "bob smith", "db/changelog.sql",
                                                       "2", "sql", "", "prod", "billing"});
  CHECK_THAT(plan.insert_statement, Catch::Contains("'EXECUTED', NULL"));
  CHECK_THAT(plan.create_statements.at(1),
             Catch::Contains(R"(CREATE TABLE IF NOT EXISTS "lb"."databasechangeloglock")"));
  CHECK_THAT(plan.create_statements.at(1),
             Catch::Contains(R"(CONSTRAINT "databasechangeloglock_pkey" PRIMARY KEY ("id"))"));
  request.changelog_name.reset();
  const auto by_file =
      stamp::liquibase_stamp_plan(request, {"", "databasechangelog"}, quote_test_ident);
  CHECK(by_file.rows[0].at(2) == "changelog.sql"); // the changelog's file name by default
}
