// rails, django, yoyo and files stamps written into a real database: the rows, the tables as
// each tool creates them, and a second stamp that changes nothing (times and ids included).
#include "stamp_fixture.hpp"

#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/stamp_target.hpp>
#include <pgsplit/verify/stamp_checks.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>

using namespace pgsplit;
using testing::Lines;
using testing::query_lines;
using testing::stamp_into;
using testing::stamp_mismatches;
using testing::stamp_target_with;
using testing::table_snapshot;

namespace {} // namespace

TEST_CASE("rails: schema_migrations and the environment, kept on a second stamp", "[stamp]") {
  testing::TestDatabase database("stamp_rails");
  // Another key of ar_internal_metadata (Rails 7 writes schema_sha1) is left alone.
  database.run("CREATE TABLE ar_internal_metadata (key varchar NOT NULL PRIMARY KEY, value "
               "varchar, created_at timestamp(6) NOT NULL, updated_at timestamp(6) NOT NULL);"
               "INSERT INTO ar_internal_metadata VALUES ('schema_sha1', 'abc', now(), now())");
  const auto target = stamp_target_with(
      database, "      - rails: {version: latest, migrations_dir: rails, environment: staging}\n");
  const auto first = stamp_into(database, target);
  CHECK(first.entries.at(0).rows_written == 5); // four versions and the environment
  CHECK(query_lines(database, "SELECT version FROM schema_migrations ORDER BY version::bigint") ==
        Lines{"42", "20240101000001", "20240102000000", "20240103000000"});
  CHECK(query_lines(database, "SELECT key, value FROM ar_internal_metadata ORDER BY key") ==
        Lines{"environment|staging", "schema_sha1|abc"});
  CHECK(stamp_mismatches(database, target) == 0);

  const auto before = table_snapshot(database, "ar_internal_metadata");
  const auto again = stamp_into(database, target);
  CHECK(again.entries.at(0).rows_written == 0);
  CHECK(again.entries.at(0).rows_kept == 5);
  CHECK(table_snapshot(database, "ar_internal_metadata") == before);

  database.run("DELETE FROM schema_migrations WHERE version = '42'");
  CHECK(stamp_mismatches(database, target) == 1);
}

TEST_CASE("django: one row per migration, ids and times kept on a second stamp", "[stamp]") {
  testing::TestDatabase database("stamp_django");
  const auto target = stamp_target_with(
      database, "      - django: {apps: {shop: django/shop/migrations, billing: "
                "{migrations_dir: django/billing/migrations, version: 0002_invoice_total}}}\n");
  const auto first = stamp_into(database, target);
  CHECK(first.entries.at(0).summary ==
        R"(django: "django_migrations" with 4 migrations of shop, billing)");
  CHECK(query_lines(database, "SELECT app, name FROM django_migrations ORDER BY id") ==
        Lines{"shop|0001_initial", "billing|0001_initial", "billing|0002_invoice_total",
              "shop|0002_item_price"});
  const auto before = table_snapshot(database, "django_migrations");
  CHECK(stamp_into(database, target).entries.at(0).rows_kept == 4);
  CHECK(table_snapshot(database, "django_migrations") == before);
  CHECK(stamp_mismatches(database, target) == 0);
}

TEST_CASE("yoyo: its four tables, the migrations and the schema version", "[stamp]") {
  testing::TestDatabase database("stamp_yoyo");
  const auto target = stamp_target_with(
      database, "      - yoyo: {version: latest, migrations_dir: yoyo, schema: ops}\n");
  stamp_into(database, target);
  CHECK(query_lines(database,
                    "SELECT migration_id FROM ops._yoyo_migration ORDER BY applied_at_utc") ==
        Lines{"0001_create_notes", "0002_tags"});
  CHECK(query_lines(database, "SELECT version FROM ops._yoyo_version") == Lines{"2"});
  CHECK(query_lines(database, "SELECT count(*) FROM ops._yoyo_log, ops.yoyo_lock") == Lines{"0"});
  const auto before = table_snapshot(database, "ops._yoyo_migration");
  const auto again = stamp_into(database, target);
  CHECK(again.entries.at(0).rows_written == 0);
  CHECK(table_snapshot(database, "ops._yoyo_migration") == before);
  CHECK(stamp_mismatches(database, target) == 0);
}

TEST_CASE("files: the in-house table, created by the entry, rewritten when a file changes",
          "[stamp]") {
  testing::TestDatabase database("stamp_files");
  const std::string entry =
      "      - files:\n"
      "          table: schema_migrations\n"
      "          version: {}\n"
      "          migrations_dir: files\n"
      "          pattern: '(?<version>[0-9]+)_(?<name>[a-z_]+)\\.sql'\n"
      "          create: CREATE TABLE IF NOT EXISTS schema_migrations (id serial PRIMARY KEY, "
      "version varchar(255) NOT NULL UNIQUE, name varchar(255) NOT NULL, applied_at timestamp "
      "DEFAULT CURRENT_TIMESTAMP, checksum varchar(64), execution_time integer, status "
      "varchar(20) DEFAULT 'success')\n"
      "          columns: {{version: version, name: name, checksum: sha256, applied_at: now(), "
      "execution_time: {{constant: 0}}, status: {{constant: success}}}}\n";
  const auto latest = stamp_target_with(database, fmt::format(fmt::runtime(entry), "latest"));
  stamp_into(database, latest);
  CHECK(query_lines(database,
                    "SELECT version, name, left(checksum, 8), execution_time, status FROM "
                    "schema_migrations ORDER BY version") ==
        Lines{"001|create_users|537129fa|0|success", "002|add_email|aab878bb|0|success",
              "010|add_index|ff2b8bb7|0|success"});
  const auto ids = query_lines(database, "SELECT id FROM schema_migrations ORDER BY id");
  CHECK(stamp_into(database, latest).entries.at(0).rows_kept == 3);
  CHECK(query_lines(database, "SELECT id FROM schema_migrations ORDER BY id") == ids);
  CHECK(stamp_mismatches(database, latest) == 0);

  const auto older = stamp_target_with(database, fmt::format(fmt::runtime(entry), "'002'"));
  CHECK(stamp_into(database, older).entries.at(0).rows_written == 2);
  CHECK(query_lines(database, "SELECT version FROM schema_migrations ORDER BY version") ==
        Lines{"001", "002"});
}

TEST_CASE("files: without create, a missing table is a server error naming it", "[stamp]") {
  testing::TestDatabase database("stamp_files_missing");
  const auto target = stamp_target_with(
      database, "      - files: {table: history, version: latest, migrations_dir: files, "
                "pattern: '(?<version>[0-9]+)_.+\\.sql', columns: {v: version}}\n");
  try {
    stamp_into(database, target);
    FAIL("the stamp wrote into a table that does not exist");
  } catch (const core::SqlError& error) {
    CHECK_THAT(error.what(), Catch::Contains("\"history\" does not exist"));
  }
}
