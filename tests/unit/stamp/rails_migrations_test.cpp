#include "support/problems.hpp"

#include <pgsplit/stamp/rails_migrations.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace pgsplit;
using pgsplit::testing::problems_of;

namespace {

const std::string data_dir = std::string(PGSPLIT_TEST_DATA_DIR) + "/stamp/";

std::string quote(std::string_view name) { return "\"" + std::string(name) + "\""; }

} // namespace

TEST_CASE("read_rails_migrations reads <version>_<name>.rb in numeric order", "[stamp]") {
  const auto migrations = stamp::read_rails_migrations(data_dir + "rails");
  REQUIRE(migrations.size() == 4);      // create_things.rb has no version; README.md is not .rb
  CHECK(migrations[0].version == "42"); // 0042: recorded as Rails reads it, an integer
  CHECK(migrations[0].name == "legacy");
  CHECK(migrations[1].version == "20240101000001");
  CHECK(migrations[2].version == "20240102000000");
  CHECK(migrations[3].version == "20240103000000"); // a scoped migration (.blog.rb) counts
  CHECK(stamp::version_number_less("9", "10"));
  CHECK_FALSE(stamp::version_number_less("010", "9"));
}

TEST_CASE("rails versions: latest, an explicit version, errors at the entry", "[stamp]") {
  const auto migrations = stamp::read_rails_migrations(data_dir + "rails");
  CHECK(stamp::rails_migrations_up_to(migrations, "latest", {}).size() == 4);
  const auto two = stamp::rails_migrations_up_to(migrations, "20240101000001", {});
  REQUIRE(two.size() == 2);
  CHECK(two.back().name == "create_products");
  CHECK(stamp::rails_migrations_up_to(migrations, "0042", {}).size() == 1);

  core::Location origin;
  origin.file = "m.yaml";
  origin.line = 12;
  const auto unknown =
      problems_of([&] { stamp::rails_migrations_up_to(migrations, "20240101000002", origin); });
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].where.line == 12);
  CHECK_THAT(unknown[0].message, Catch::Contains("no Rails migration has version 20240101000002"));
  CHECK_THAT(unknown[0].message, Catch::Contains("did you mean '20240101000001'"));
  const auto none = problems_of([&] { stamp::rails_migrations_up_to({}, "latest", origin); });
  CHECK_THAT(none.at(0).message, Catch::Contains("no Rails migration found"));
}

TEST_CASE("two rails files with one version are an error naming both", "[stamp]") {
  const auto problems =
      problems_of([] { stamp::read_rails_migrations(data_dir + "rails_duplicate"); });
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].where.file, Catch::EndsWith("1_b.rb"));
  CHECK_THAT(problems[0].message, Catch::Contains("version 1 is also the version of"));
  CHECK_THAT(problems[0].message, Catch::Contains("001_a.rb"));
}

TEST_CASE("rails_stamp_plan writes schema_migrations and the environment", "[stamp]") {
  const std::vector<stamp::RailsMigration> migrations{{"1", "a", {}}, {"20240101000000", "b", {}}};
  const auto plan =
      stamp::rails_stamp_plan({"app", "versions"}, "meta", "staging", migrations, quote);
  CHECK(plan.qualified_table == R"("app"."versions")");
  CHECK(plan.create_statements.at(0) ==
        R"(CREATE TABLE IF NOT EXISTS "app"."versions" ("version" varchar NOT NULL PRIMARY KEY))");
  CHECK(plan.insert_statement == R"(INSERT INTO "app"."versions" ("version") VALUES ($1))");
  REQUIRE(plan.rows.size() == 2);
  CHECK(plan.rows[1].at(0) == "20240101000000");
  REQUIRE(plan.companions.size() == 1);
  const auto& metadata = plan.companions[0];
  CHECK(metadata.qualified_table == R"("app"."meta")");
  CHECK(metadata.clear_statement == R"(DELETE FROM "app"."meta" WHERE "key" = 'environment')");
  CHECK(metadata.rows.at(0) == std::vector<stamp::StampValue>{"environment", "staging"});
  CHECK(metadata.volatile_columns == std::vector<std::string>{"created_at", "updated_at"});
  CHECK(
      plan.summary ==
      R"(rails: "app"."versions" with 2 versions up to 20240101000000, "app"."meta" environment staging)");
}
