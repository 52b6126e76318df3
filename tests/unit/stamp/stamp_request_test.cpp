#include "support/problems.hpp"

#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/stamp_request.hpp>

#include <catch2/catch.hpp>

#include <regex>
#include <string>

using namespace pgsplit;
using Row = std::vector<stamp::StampValue>;

namespace {

const std::string data_dir = std::string(PGSPLIT_TEST_DATA_DIR) + "/stamp/";

std::string quote(std::string_view name) { return "\"" + std::string(name) + "\""; }

core::Diagnostics request_problems(const stamp::StampRequest& request) {
  return pgsplit::testing::problems_of([&] { stamp::plan_stamp(request, quote); });
}

stamp::StampRequest request_for(stamp::StampTool tool, const std::string& folder) {
  stamp::StampRequest request;
  request.tool = tool;
  if (!folder.empty()) {
    request.migrations_dir = data_dir + folder;
  }
  request.origin.file = "pgsplit.yaml";
  request.origin.line = 7;
  return request;
}

} // namespace

TEST_CASE("plan_stamp: alembic defaults to head in alembic_version", "[stamp]") {
  auto request = request_for(stamp::StampTool::alembic, "alembic_merge");
  request.table = "alembic_version_auth";
  request.schema = "auth";
  const auto plan = stamp::plan_stamp(request, quote);
  CHECK(plan.qualified_table == R"("auth"."alembic_version_auth")");
  CHECK(plan.rows == std::vector<Row>{{"dddd00000004"}});

  const auto plain =
      stamp::plan_stamp(request_for(stamp::StampTool::alembic, "alembic_linear"), quote);
  CHECK(plain.qualified_table == R"("alembic_version")");

  auto literal = request_for(stamp::StampTool::alembic, "");
  literal.version = "cafe";
  CHECK(stamp::plan_stamp(literal, quote).rows == std::vector<Row>{{"cafe"}});
}

TEST_CASE("plan_stamp: alembic with two heads needs heads: all", "[stamp]") {
  auto request = request_for(stamp::StampTool::alembic, "alembic_two_heads");
  const auto problems = request_problems(request);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].where.file == "pgsplit.yaml");
  CHECK(problems[0].where.line == 7);
  request.all_heads = true;
  CHECK(stamp::plan_stamp(request, quote).rows.size() == 2);
}

TEST_CASE("plan_stamp: flyway, golang-migrate and prisma default to latest", "[stamp]") {
  const auto flyway = stamp::plan_stamp(request_for(stamp::StampTool::flyway, "flyway"), quote);
  CHECK(flyway.qualified_table == R"("flyway_schema_history")");
  REQUIRE(flyway.rows.size() == 1);
  CHECK(flyway.rows[0][1] == "10");

  const auto golang =
      stamp::plan_stamp(request_for(stamp::StampTool::golang_migrate, "golang_migrate"), quote);
  CHECK(golang.qualified_table == R"("schema_migrations")");
  CHECK(golang.rows == std::vector<Row>{{"10", "false"}});

  const auto prisma = stamp::plan_stamp(request_for(stamp::StampTool::prisma, "prisma"), quote);
  CHECK(prisma.qualified_table == R"("_prisma_migrations")");
  REQUIRE(prisma.rows.size() == 2);
  const std::regex uuid_v4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  CHECK(std::regex_match(*prisma.rows[0][0], uuid_v4));
  CHECK(prisma.rows[0][1] == "c16d6921fddc29b9cce93c3d22417129a8dea50e9ea14967c9de88eeb7ad536b");
  CHECK(prisma.rows[1][2] == "20240215093000_add_posts");
}

TEST_CASE("plan_stamp refuses options of another tool and a missing folder", "[stamp]") {
  auto heads_for_flyway = request_for(stamp::StampTool::flyway, "flyway");
  heads_for_flyway.all_heads = true;
  CHECK_THAT(request_problems(heads_for_flyway).at(0).message, Catch::Contains("heads: all"));

  auto prisma_table = request_for(stamp::StampTool::prisma, "prisma");
  prisma_table.table = "migrations";
  CHECK_THAT(request_problems(prisma_table).at(0).message, Catch::Contains("_prisma_migrations"));

  CHECK_THAT(request_problems(request_for(stamp::StampTool::prisma, "")).at(0).message,
             Catch::Contains("needs migrations_dir"));

  const auto missing = request_problems(request_for(stamp::StampTool::golang_migrate, "nowhere"));
  REQUIRE(missing.size() == 1);
  CHECK_THAT(missing[0].where.file, Catch::EndsWith("nowhere"));
}

// One StampTool enum from the mapping to the stamp: `sql` entries reach plan_stamp only by
// mistake (stamp_target runs their statements as written), and are refused rather than
// planned as alembic as the bridge between the two enums used to do.
TEST_CASE("plan_stamp refuses a sql entry instead of planning it as another tool", "[stamp]") {
  const auto problems = request_problems(request_for(stamp::StampTool::sql, ""));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message == "sql has no version table to plan");
}

// part A
TEST_CASE("plan_stamp: rails, yoyo and files need migrations_dir, latest is the default",
          "[stamp]") {
  for (const auto tool : {stamp::StampTool::rails, stamp::StampTool::yoyo}) {
    const auto problems = request_problems(request_for(tool, ""));
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where.line == 7);
    CHECK_THAT(problems[0].message, Catch::Contains("needs migrations_dir"));
  }
  auto rails = request_for(stamp::StampTool::rails, "rails");
  const auto plan = stamp::plan_stamp(rails, quote);
  CHECK(plan.qualified_table == R"("schema_migrations")");
  CHECK(plan.rows.size() == 4);
  CHECK(plan.companions.at(0).qualified_table == R"("ar_internal_metadata")");
  rails.version = "head";
  CHECK(stamp::plan_stamp(rails, quote).rows.size() == 4);
}

TEST_CASE("plan_stamp: a problem in a migration file also names the stamp entry", "[stamp]") {
  auto request = request_for(stamp::StampTool::django, "");
  request.origin.column = 9;
  request.settings_a.apps.push_back(
      {"app", data_dir + "django_bad_dependency/migrations", "latest", request.origin});
  const auto problems = request_problems(request);
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].where.file, Catch::EndsWith("0002_next.py"));
  CHECK_THAT(problems[0].hint, Catch::EndsWith("(stamp entry django: pgsplit.yaml:7:9)"));
}
