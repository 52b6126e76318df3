#include "support/problems.hpp"

#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/prisma_migrations.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace pgsplit;

using pgsplit::testing::problems_of;

namespace {

const std::string data_dir = std::string(PGSPLIT_TEST_DATA_DIR) + "/stamp/";

// Printed by `sha256sum tests/data/stamp/prisma/*/migration.sql`.
constexpr const char* init_checksum =
    "c16d6921fddc29b9cce93c3d22417129a8dea50e9ea14967c9de88eeb7ad536b";
constexpr const char* add_posts_checksum =
    "1dd85bc588423723d60fdc8319ca3b00cb0afab42a9f0ef71aa61f9e375d2647";

} // namespace

TEST_CASE("read_prisma_migrations lists folders by name with sha256sum checksums", "[stamp]") {
  const auto migrations = stamp::read_prisma_migrations(data_dir + "prisma");
  REQUIRE(migrations.size() == 2); // migration_lock.toml is not a migration
  CHECK(migrations[0].name == "20240101000000_init");
  CHECK(migrations[0].checksum == init_checksum);
  CHECK(migrations[1].name == "20240215093000_add_posts");
  CHECK(migrations[1].checksum == add_posts_checksum);
  CHECK_THAT(migrations[1].script.string(),
             Catch::EndsWith("20240215093000_add_posts/migration.sql"));
}

TEST_CASE("prisma_migrations_up_to selects all, or up to a named migration", "[stamp]") {
  const auto migrations = stamp::read_prisma_migrations(data_dir + "prisma");
  CHECK(stamp::prisma_migrations_up_to(migrations, "latest", {}).size() == 2);
  const auto first = stamp::prisma_migrations_up_to(migrations, "20240101000000_init", {});
  REQUIRE(first.size() == 1);
  CHECK(first[0].name == "20240101000000_init");

  const auto unknown =
      problems_of([&] { stamp::prisma_migrations_up_to(migrations, "20240101000000_inti", {}); });
  REQUIRE(unknown.size() == 1);
  CHECK_THAT(unknown[0].message, Catch::Contains("did you mean '20240101000000_init'"));

  const auto none = problems_of([] { stamp::prisma_migrations_up_to({}, "latest", {}); });
  REQUIRE(none.size() == 1);
  CHECK_THAT(none[0].message, Catch::Contains("no Prisma migration"));
}

TEST_CASE("a Prisma migration folder without migration.sql is an error", "[stamp]") {
  const auto problems =
      problems_of([] { stamp::read_prisma_migrations(data_dir + "prisma_missing_sql"); });
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].where.file, Catch::EndsWith("20240102000000_half_done"));
  CHECK_THAT(problems[0].message, Catch::Contains("without migration.sql"));
  CHECK_FALSE(problems[0].hint.empty());

  const auto missing = problems_of([] { stamp::read_prisma_migrations(data_dir + "nowhere"); });
  REQUIRE(missing.size() == 1);
  CHECK_THAT(missing[0].message, Catch::Contains("does not exist"));
}
