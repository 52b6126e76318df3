#include "support/problems.hpp"

#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/golang_migrate_versions.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace pgsplit;

using pgsplit::testing::problems_of;

namespace {

const std::string data_dir = std::string(PGSPLIT_TEST_DATA_DIR) + "/stamp/";

} // namespace

TEST_CASE("golang-migrate versions are unsigned integers that fit a bigint", "[stamp]") {
  CHECK(stamp::parse_golang_migrate_version("000010") == 10u);
  CHECK(stamp::parse_golang_migrate_version("20240102150405") == 20240102150405u);
  CHECK(stamp::parse_golang_migrate_version("9223372036854775807") == 9223372036854775807u);
  for (const char* bad :
       {"", "-1", "+1", "1.0", "abc", "9223372036854775808", "99999999999999999999"}) {
    INFO(bad);
    CHECK_FALSE(stamp::parse_golang_migrate_version(bad));
  }
}

TEST_CASE("read_golang_migrations keeps up files only, latest is the highest", "[stamp]") {
  const auto migrations = stamp::read_golang_migrations(data_dir + "golang_migrate");
  REQUIRE(migrations.size() == 3); // 000011 has only a down file; README.md is not a migration
  CHECK(migrations[0].version == 1);
  CHECK(migrations[0].name == "create_accounts");
  CHECK(migrations[1].version == 2);
  CHECK(migrations[2].version == 10);
  CHECK_THAT(migrations[2].file.string(), Catch::EndsWith("000010_create_sessions.up.sql"));
  CHECK(stamp::resolve_golang_migrate_version(&migrations, "latest", {}) == 10);
}

TEST_CASE("a literal golang-migrate version must be an integer, known when files are given",
          "[stamp]") {
  const auto migrations = stamp::read_golang_migrations(data_dir + "golang_migrate");
  CHECK(stamp::resolve_golang_migrate_version(&migrations, "0002", {}) == 2);
  CHECK(stamp::resolve_golang_migrate_version(nullptr, "20240102150405", {}) == 20240102150405u);

  const auto not_integer =
      problems_of([] { stamp::resolve_golang_migrate_version(nullptr, "v3", {}); });
  REQUIRE(not_integer.size() == 1);
  CHECK_THAT(not_integer[0].message, Catch::Contains("not a golang-migrate version"));

  const auto unknown =
      problems_of([&] { stamp::resolve_golang_migrate_version(&migrations, "11", {}); });
  REQUIRE(unknown.size() == 1);
  CHECK_THAT(unknown[0].message, Catch::Contains("unknown golang-migrate version 11"));
}

TEST_CASE("golang-migrate duplicates and missing folders are errors", "[stamp]") {
  const auto duplicate =
      problems_of([] { stamp::read_golang_migrations(data_dir + "golang_migrate_duplicate"); });
  REQUIRE(duplicate.size() == 1);
  CHECK_THAT(duplicate[0].where.file, Catch::EndsWith("1_first.up.sql"));
  CHECK_THAT(duplicate[0].message, Catch::Contains("001_same_version.up.sql"));

  const auto missing = problems_of([] { stamp::read_golang_migrations(data_dir + "nowhere"); });
  REQUIRE(missing.size() == 1);
  CHECK_THAT(missing[0].where.file, Catch::EndsWith("nowhere"));
  CHECK_THAT(missing[0].hint, Catch::Contains("relative to"));
}
