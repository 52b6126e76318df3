// The part B stamps (knex … liquibase) written into a real server: each table as the tool's
// documented layout has it, the rows, idempotence, and `verify`'s stamp check. goose, sqlx, ecto
// and diesel cannot be installed here, so this is their proof; the others are also proven by the
// tools themselves (tests/e2e/stamp_real_*.sh).
#include "stamp_fixture.hpp"

#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/stamp/stamp_target.hpp>
#include <pgsplit/verify/stamp_checks.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>

using namespace pgsplit;
using testing::Lines;
using testing::query_lines;
using testing::stamp_into;
using testing::stamp_target_with;
using testing::table_snapshot;

namespace {

// "name type[ NOT NULL][ DEFAULT expr]" per column, in order, then the primary key.
Lines layout_of(const testing::TestDatabase& database, const std::string& table) {
  auto lines = testing::columns_of(database, table);
  for (auto& key : query_lines(database,
                               "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                               "WHERE conrelid = $1::regclass AND contype = 'p'",
                               {table})) {
    lines.push_back(std::move(key));
  }
  return lines;
}

// One entry per tool, each in a table of its own (dbmate and ecto both default to
// schema_migrations: ecto's lives in schema ecto).
const std::string all_part_b =
    "      - knex: {version: latest, migrations_dir: knex}\n"
    "      - node_pg_migrate: {version: latest, migrations_dir: node_pg_migrate}\n"
    "      - sequelize: {version: latest, migrations_dir: sequelize}\n"
    "      - typeorm: {version: latest, migrations_dir: typeorm}\n"
    "      - sqlx: {version: latest, migrations_dir: sqlx}\n"
    "      - dbmate: {version: latest, migrations_dir: dbmate}\n"
    "      - goose: {version: latest, migrations_dir: goose}\n"
    "      - ecto: {schema: ecto, version: latest, migrations_dir: ecto}\n"
    "      - diesel: {version: latest, migrations_dir: diesel}\n"
    "      - liquibase: {version: latest, changelog: liquibase/changelog.yaml}\n";

} // namespace

TEST_CASE("goose, sqlx, ecto and diesel tables have their tools' documented layout", "[stamp]") {
  testing::TestDatabase database("stamp_part_b_layout");
  stamp_into(database, stamp_target_with(database, all_part_b));
  CHECK(layout_of(database, "goose_db_version") ==
        Lines{"id integer NOT NULL", "version_id bigint NOT NULL", "is_applied boolean NOT NULL",
              "tstamp timestamp without time zone NOT NULL DEFAULT now()", "PRIMARY KEY (id)"});
  CHECK(query_lines(database, "SELECT attidentity FROM pg_attribute WHERE attrelid = "
                              "'goose_db_version'::regclass AND attname = 'id'") == Lines{"d"});
  CHECK(query_lines(database, "SELECT version_id, is_applied FROM goose_db_version ORDER BY id") ==
        Lines{"0|t", "1|t", "2|t", "10|t"});
  CHECK(layout_of(database, "_sqlx_migrations") ==
        Lines{"version bigint NOT NULL", "description text NOT NULL",
              "installed_on timestamp with time zone NOT NULL DEFAULT now()",
              "success boolean NOT NULL", "checksum bytea NOT NULL",
              "execution_time bigint NOT NULL", "PRIMARY KEY (version)"});
  CHECK(query_lines(database, "SELECT version, description, success, encode(checksum, 'hex'), "
                              "execution_time FROM _sqlx_migrations ORDER BY version") ==
        Lines{"1|create users|t|6337697883ead93bde2c64aa4c89983e494facc84418dc07c69854725a0401e9"
              "abccd1b1a56f06b2871d89dd25d29d40|0",
              "20240102150405|create posts|t|be09f52265b83a6fab64f58b5b241f0aa0a5b75187a0aee2588"
              "1c8ae07846e30ff14c2ff372656e4dd425eca05e084e4|0"});
  CHECK(layout_of(database, "ecto.schema_migrations") ==
        Lines{"version bigint NOT NULL", "inserted_at timestamp(0) without time zone",
              "PRIMARY KEY (version)"});
  CHECK(query_lines(database,
                    "SELECT version, inserted_at = date_trunc('second', inserted_at), "
                    "abs(extract(epoch FROM inserted_at - (now() AT TIME ZONE 'UTC'))) < 60 "
                    "FROM ecto.schema_migrations ORDER BY version") ==
        Lines{"20240101120000|t|t", "20240102120000|t|t"});
  CHECK(layout_of(database, "__diesel_schema_migrations") ==
        Lines{"version character varying(50) NOT NULL",
              "run_on timestamp without time zone NOT NULL DEFAULT CURRENT_TIMESTAMP",
              "PRIMARY KEY (version)"});
  CHECK(query_lines(database, "SELECT version FROM __diesel_schema_migrations ORDER BY version") ==
        Lines{"00000000000000", "20240102150405", "20240110090000"});
}

TEST_CASE("knex, node-pg-migrate, sequelize, typeorm, dbmate and liquibase rows", "[stamp]") {
  testing::TestDatabase database("stamp_part_b_rows");
  stamp_into(database, stamp_target_with(database, all_part_b));
  CHECK(query_lines(database, "SELECT name, batch FROM knex_migrations ORDER BY id") ==
        Lines{"20240101120000_create_users.js|1", "20240102120000_create_orders.ts|1"});
  CHECK(query_lines(database, "SELECT is_locked FROM knex_migrations_lock") == Lines{"0"});
  CHECK(query_lines(database, "SELECT name FROM pgmigrations ORDER BY run_on, id") ==
        Lines{"9_first", "10_second"});
  CHECK(query_lines(database, R"(SELECT name FROM "SequelizeMeta" ORDER BY name)") ==
        Lines{"20240101-create-users.js", "20240102-create-orders.ts"});
  CHECK(query_lines(database, "SELECT timestamp, name FROM migrations ORDER BY id") ==
        Lines{"1699999999990|Earlier1699999999990", "1699999999999|Early1699999999999",
              "1700000000001|CreateUsers1700000000001", "1700000000002|CreateOrders1700000000002"});
  CHECK(query_lines(database, "SELECT version FROM schema_migrations ORDER BY version") ==
        Lines{"20240101120000", "20240102120000"});
  CHECK(query_lines(database, "SELECT id, author, filename, orderexecuted, exectype, md5sum, "
                              "description, comments, contexts, labels, length(deployment_id) "
                              "FROM databasechangelog ORDER BY orderexecuted") ==
        Lines{"catalog-1|bob|changelog.yaml|1|EXECUTED|NULL|createTable, sql|products|NULL|"
              "catalog|10",
              "catalog-2|bob|changelog.yaml|2|EXECUTED|NULL|||prod|NULL|10"});
  CHECK(query_lines(database,
                    "SELECT dateexecuted < (SELECT max(dateexecuted) FROM databasechangelog) "
                    "FROM databasechangelog WHERE orderexecuted = 1") == Lines{"t"});
  CHECK(query_lines(database,
                    "SELECT id, locked, lockgranted, lockedby FROM databasechangeloglock") ==
        Lines{"1|f|NULL|NULL"});
}

TEST_CASE("stamping the part B tools twice leaves every table as it was", "[stamp]") {
  testing::TestDatabase database("stamp_part_b_twice");
  const auto target = stamp_target_with(database, all_part_b);
  stamp_into(database, target);
  const Lines tables{"knex_migrations",
                     "knex_migrations_lock",
                     "pgmigrations",
                     R"("SequelizeMeta")",
                     "migrations",
                     "_sqlx_migrations",
                     "schema_migrations",
                     "goose_db_version",
                     "ecto.schema_migrations",
                     "__diesel_schema_migrations",
                     "databasechangelog",
                     "databasechangeloglock"};
  std::vector<Lines> before;
  for (const auto& table : tables) {
    before.push_back(table_snapshot(database, table));
  }
  database.run("SELECT pg_sleep(0.01)"); // now() moves on: a rewrite would show in the times
  const auto second = stamp_into(database, target);
  for (const auto& entry : second.entries) {
    INFO(entry.summary);
    CHECK(entry.rows_written == 0);
    CHECK(entry.rows_kept > 0);
  }
  for (std::size_t i = 0; i < tables.size(); ++i) {
    INFO(tables[i]);
    CHECK(table_snapshot(database, tables[i]) == before[i]);
  }
}

TEST_CASE("verify compares the part B tables on their key columns", "[stamp]") {
  testing::TestDatabase database("stamp_part_b_verify");
  const auto target = stamp_target_with(database, all_part_b);
  stamp_into(database, target);
  auto connection = database.connect();
  verify::VerifyReport clean;
  verify::check_stamps(connection, target, clean);
  CHECK(clean.findings.empty());
  CHECK(clean.counted.stamps == 10);

  database.run("DELETE FROM knex_migrations WHERE name LIKE '20240102%';"
               "UPDATE _sqlx_migrations SET description = 'edited' WHERE version = 1");
  verify::VerifyReport broken;
  verify::check_stamps(connection, target, broken);
  REQUIRE(broken.findings.size() == 2);
  CHECK_THAT(broken.findings[0].message,
             Catch::Contains("missing (20240102120000_create_orders.ts, 1)"));
  CHECK_THAT(broken.findings[1].message, Catch::Contains("unexpected (1, edited, true)"));
}

TEST_CASE("a liquibase stamp in its own schema and table, named as Liquibase records it",
          "[stamp]") {
  testing::TestDatabase database("stamp_part_b_liquibase");
  const auto target =
      stamp_target_with(database, "      - liquibase: {schema: lb, table: app_changelog, version: "
                                  "orders-2, changelog: liquibase/changelog.sql, changelog_name: "
                                  "db/changelog.sql}\n");
  const auto outcome = stamp_into(database, target);
  CHECK(outcome.entries.at(0).rows_written == 2);
  CHECK(query_lines(database, "SELECT id || ' ' || author || ' ' || filename FROM lb.app_changelog "
                              "ORDER BY orderexecuted") ==
        Lines{"1 alice db/changelog.sql", "orders-2 bob smith db/changelog.sql"});
  CHECK(query_lines(database, "SELECT count(*) FROM lb.app_changeloglock") == Lines{"1"});
}
