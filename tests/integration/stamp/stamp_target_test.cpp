#include "stamp_fixture.hpp"

#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/stamp_target.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace pgsplit;
using Catch::Matchers::Contains;
using testing::columns_of;
using testing::Lines;
using testing::query_lines;
using testing::stamp_into;
using testing::stamp_target_with;
using testing::table_snapshot;

namespace {

const std::filesystem::path source_dir = PGSPLIT_SOURCE_DIR;
const std::filesystem::path services_dir = source_dir / "config" / "demo" / "services";

// sha256sum of config/demo/services/document/prisma/migrations/*/migration.sql.
const std::string init_checksum =
    "fe5cc377a2a65600ac3290483d0349eaba60906f2923b403b0b28f24e397716d";
const std::string add_tags_checksum =
    "e41f2908a64a86d468f3036d115b78f75e1b3e1c9bc3c9b815b85f968cbb4175";
const std::string soft_delete_checksum =
    "225fd1914adf154e6ac5083cf59577f789cd40054958f822047c79a176585497";

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// "name definition" per constraint, then every index definition.
Lines constraints_and_indexes_of(const testing::TestDatabase& database, const std::string& table) {
  auto lines = query_lines(database,
                           "SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
                           "WHERE conrelid = $1::regclass ORDER BY conname",
                           {table});
  for (auto& index : query_lines(database,
                                 "SELECT pg_get_indexdef(indexrelid) FROM pg_index "
                                 "WHERE indrelid = $1::regclass ORDER BY 1",
                                 {table})) {
    lines.push_back(std::move(index));
  }
  return lines;
}

bool table_exists(const testing::TestDatabase& database, const std::string& table) {
  return query_lines(database, "SELECT to_regclass($1) IS NOT NULL", {table}) == Lines{"t"};
}

// The demo's six targets (config/demo.yaml), each with its own database.
struct DemoSplit {
  std::map<std::string, testing::TestDatabase> databases;
  config::Mapping mapping;

  DemoSplit() : mapping(load()) {}

  config::Mapping load() {
    std::map<std::string, std::string> env{{"MONOLITH_URL", "postgresql://unused/monolith"}};
    for (const auto* name : {"auth", "candidate", "company", "payment", "document", "logs"}) {
      const auto& database =
          databases.emplace(name, testing::TestDatabase(fmt::format("stamp_{}", name)))
              .first->second;
      std::string variable = fmt::format("{}_DB_URL", name);
      std::transform(variable.begin(), variable.end(), variable.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      env.emplace(variable, database.url());
    }
    const auto file = source_dir / "config" / "demo.yaml";
    return config::parse_mapping(read_text(file), file, config::fixed_environment(env));
  }

  const testing::TestDatabase& database(const std::string& target) const {
    return databases.at(target);
  }

  std::map<std::string, stamp::StampOutcome> stamp_all() const {
    std::map<std::string, stamp::StampOutcome> outcomes;
    for (const auto& target : mapping.targets) {
      outcomes.emplace(target.name, stamp_into(database(target.name), target));
    }
    return outcomes;
  }

  // Every version table of the split, as text.
  std::map<std::string, Lines> contents() const {
    return {{"auth", table_snapshot(database("auth"), "alembic_version_auth")},
            {"candidate", table_snapshot(database("candidate"), "alembic_version")},
            {"company", table_snapshot(database("company"), "flyway_schema_history")},
            {"payment", table_snapshot(database("payment"), "schema_migrations")},
            {"document", table_snapshot(database("document"), "_prisma_migrations")},
            {"logs notification", table_snapshot(database("logs"), "alembic_version_notification")},
            {"logs audit", table_snapshot(database("logs"), "alembic_version_audit")}};
  }
};

Lines alembic_columns() { return {"version_num character varying(32) NOT NULL"}; }

Lines alembic_constraints(const std::string& table) {
  return {
      fmt::format("{}_pkc PRIMARY KEY (version_num)", table),
      fmt::format("CREATE UNIQUE INDEX {0}_pkc ON public.{0} USING btree (version_num)", table)};
}

} // namespace

TEST_CASE("stamping the demo's six targets writes each tool's version table", "[stamp]") {
  DemoSplit split;
  const auto outcomes = split.stamp_all();

  SECTION("what was written") {
    const auto& auth = outcomes.at("auth").entries;
    REQUIRE(auth.size() == 1);
    CHECK(auth[0].summary == R"(alembic: "alembic_version_auth" at revision d7a3e8b41c92)");
    CHECK(auth[0].rows_written == 1);
    CHECK(auth[0].rows_kept == 0);
    const auto& logs = outcomes.at("logs").entries;
    REQUIRE(logs.size() == 2);
    CHECK(logs[0].summary == R"(alembic: "alembic_version_notification" at revision e3b71f0c8a46)");
    CHECK(logs[1].summary == R"(alembic: "alembic_version_audit" at revision a91b3e5c7d24)");
    CHECK(outcomes.at("company").entries.at(0).rows_written == 1);
    CHECK(outcomes.at("payment").entries.at(0).rows_written == 1);
    CHECK(outcomes.at("document").entries.at(0).rows_written == 3);
    CHECK(outcomes.at("document").entries.at(0).summary ==
          R"(prisma: "_prisma_migrations" with 3 migrations, up to 20240620120000_soft_delete)");
  }

  SECTION("alembic: one table per service, each at its head") {
    const auto& auth = split.database("auth");
    CHECK(columns_of(auth, "alembic_version_auth") == alembic_columns());
    CHECK(constraints_and_indexes_of(auth, "alembic_version_auth") ==
          alembic_constraints("alembic_version_auth"));
    CHECK(table_snapshot(auth, "alembic_version_auth") == Lines{"(d7a3e8b41c92)"});
    CHECK_FALSE(table_exists(auth, "alembic_version"));

    const auto& candidate = split.database("candidate");
    CHECK(columns_of(candidate, "alembic_version") == alembic_columns());
    CHECK(constraints_and_indexes_of(candidate, "alembic_version") ==
          alembic_constraints("alembic_version"));
    CHECK(table_snapshot(candidate, "alembic_version") == Lines{"(9b8d4c3a2e10)"});

    const auto& logs = split.database("logs");
    for (const auto* table : {"alembic_version_notification", "alembic_version_audit"}) {
      CHECK(columns_of(logs, table) == alembic_columns());
      CHECK(constraints_and_indexes_of(logs, table) == alembic_constraints(table));
    }
    CHECK(table_snapshot(logs, "alembic_version_notification") == Lines{"(e3b71f0c8a46)"});
    CHECK(table_snapshot(logs, "alembic_version_audit") == Lines{"(a91b3e5c7d24)"});
    CHECK(query_lines(logs,
                      "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'alembic_version%'") ==
          Lines{"2"});
  }

  SECTION("flyway: Flyway's table and index, and a baseline at the latest version") {
    const auto& company = split.database("company");
    CHECK(columns_of(company, "flyway_schema_history") ==
          Lines{"installed_rank integer NOT NULL", "version character varying(50)",
                "description character varying(200) NOT NULL",
                "type character varying(20) NOT NULL", "script character varying(1000) NOT NULL",
                "checksum integer", "installed_by character varying(100) NOT NULL",
                "installed_on timestamp without time zone NOT NULL DEFAULT now()",
                "execution_time integer NOT NULL", "success boolean NOT NULL"});
    CHECK(constraints_and_indexes_of(company, "flyway_schema_history") ==
          Lines{"flyway_schema_history_pk PRIMARY KEY (installed_rank)",
                "CREATE INDEX flyway_schema_history_s_idx ON public.flyway_schema_history "
                "USING btree (success)",
                "CREATE UNIQUE INDEX flyway_schema_history_pk ON public.flyway_schema_history "
                "USING btree (installed_rank)"});
    CHECK(query_lines(company,
                      "SELECT installed_rank, version, description, type, script, checksum, "
                      "installed_by = current_user, execution_time, success, "
                      "installed_on > now()::timestamp - interval '1 hour' "
                      "FROM flyway_schema_history") ==
          Lines{"1|2|<< Flyway Baseline >>|BASELINE|<< Flyway Baseline >>|NULL|t|0|t|t"});
  }

  SECTION("golang-migrate: (4, false)") {
    const auto& payment = split.database("payment");
    CHECK(columns_of(payment, "schema_migrations") ==
          Lines{"version bigint NOT NULL", "dirty boolean NOT NULL"});
    CHECK(constraints_and_indexes_of(payment, "schema_migrations") ==
          Lines{"schema_migrations_pkey PRIMARY KEY (version)",
                "CREATE UNIQUE INDEX schema_migrations_pkey ON public.schema_migrations "
                "USING btree (version)"});
    CHECK(table_snapshot(payment, "schema_migrations") == Lines{"(4,f)"});
  }

  SECTION("prisma: one finished row per migration folder, with its file's SHA-256") {
    const auto& document = split.database("document");
    CHECK(columns_of(document, "_prisma_migrations") ==
          Lines{"id character varying(36) NOT NULL", "checksum character varying(64) NOT NULL",
                "finished_at timestamp with time zone",
                "migration_name character varying(255) NOT NULL", "logs text",
                "rolled_back_at timestamp with time zone",
                "started_at timestamp with time zone NOT NULL DEFAULT now()",
                "applied_steps_count integer NOT NULL DEFAULT 0"});
    CHECK(query_lines(document, "SELECT migration_name, checksum, finished_at = started_at, logs, "
                                "rolled_back_at, applied_steps_count, "
                                "id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                "[0-9a-f]{12}$' FROM _prisma_migrations ORDER BY started_at") ==
          Lines{"20240101000000_init|" + init_checksum + "|t|NULL|NULL|0|t",
                "20240315093000_add_tags|" + add_tags_checksum + "|t|NULL|NULL|0|t",
                "20240620120000_soft_delete|" + soft_delete_checksum + "|t|NULL|NULL|0|t"});
    CHECK(query_lines(document, "SELECT count(DISTINCT id) FROM _prisma_migrations") == Lines{"3"});
  }

  SECTION("a second stamp leaves every table exactly as it was") {
    const auto before = split.contents();
    const auto again = split.stamp_all();
    CHECK(split.contents() == before);
    for (const auto& [target, outcome] : again) {
      for (const auto& written : outcome.entries) {
        INFO(target << ": " << written.summary);
        CHECK(written.rows_written == 0);
        CHECK(written.rows_kept > 0);
      }
    }
    CHECK(again.at("document").entries.at(0).rows_kept == 3);
  }
}

TEST_CASE("a failing sql entry rolls back the whole target", "[stamp]") {
  testing::TestDatabase database("stamp_rollback");
  const auto target = stamp_target_with(
      database, fmt::format("      - alembic: {{version: head, versions_dir: '{}'}}\n"
                            "      - golang_migrate: {{version: '7'}}\n"
                            "      - sql: \"INSERT INTO no_such_history (version) VALUES ('1')\"\n",
                            (services_dir / "auth/alembic/versions").string()));
  try {
    stamp_into(database, target);
    FAIL("no SqlError was thrown");
  } catch (const core::SqlError& error) {
    CHECK(error.sqlstate() == "42P01");
    CHECK_THAT(error.what(), Contains("stamping target svc") && Contains("no_such_history"));
  }
  CHECK_FALSE(table_exists(database, "alembic_version"));
  CHECK_FALSE(table_exists(database, "schema_migrations"));
}

TEST_CASE("a sql entry runs as one statement, after the tables before it", "[stamp]") {
  testing::TestDatabase database("stamp_sql");
  database.run("CREATE TABLE migrations_log (version text PRIMARY KEY, name text)");
  const auto target =
      stamp_target_with(database, "      - golang_migrate: {version: '12'}\n"
                                  "      - sql: \"INSERT INTO migrations_log SELECT version::text, "
                                  "'baseline' FROM schema_migrations\"\n");
  const auto outcome = stamp_into(database, target);
  REQUIRE(outcome.entries.size() == 2);
  CHECK(outcome.entries[1].summary ==
        "sql: INSERT INTO migrations_log SELECT version::text, 'baseline' FROM schem …");
  CHECK(outcome.entries[1].rows_written == 1);
  CHECK(table_snapshot(database, "migrations_log") == Lines{"(12,baseline)"});

  SECTION("several statements in one entry are refused, and nothing is written") {
    testing::TestDatabase other("stamp_sql_many");
    const auto smuggled = stamp_target_with(
        other, "      - golang_migrate: {version: '12'}\n"
               "      - sql: \"CREATE TABLE a (x int); CREATE TABLE b (x int)\"\n");
    CHECK_THROWS_AS(stamp_into(other, smuggled), core::SqlError);
    CHECK_FALSE(table_exists(other, "schema_migrations"));
    CHECK_FALSE(table_exists(other, "a"));
  }
}

TEST_CASE("a schema-qualified alembic entry creates its schema", "[stamp]") {
  testing::TestDatabase database("stamp_schema");
  const auto target = stamp_target_with(
      database, fmt::format("      - alembic: {{schema: auth meta, table: alembic_version_auth, "
                            "version: head, versions_dir: '{}'}}\n",
                            (services_dir / "auth/alembic/versions").string()));
  const auto outcome = stamp_into(database, target);
  CHECK(outcome.entries.at(0).summary ==
        R"(alembic: "auth meta"."alembic_version_auth" at revision d7a3e8b41c92)");
  CHECK(table_snapshot(database, R"("auth meta".alembic_version_auth)") == Lines{"(d7a3e8b41c92)"});
  CHECK_FALSE(table_exists(database, "public.alembic_version_auth"));

  // The schema now exists: a second stamp does not create it again, and changes nothing.
  const auto again = stamp_into(database, target);
  CHECK(again.entries.at(0).rows_kept == 1);
  CHECK(query_lines(database, "SELECT count(*) FROM pg_namespace WHERE nspname = 'auth meta'") ==
        Lines{"1"});
}

TEST_CASE("a stamp replaces a history that differs", "[stamp]") {
  testing::TestDatabase database("stamp_replace");
  database.run("CREATE TABLE alembic_version (version_num varchar(32) NOT NULL "
               "CONSTRAINT alembic_version_pkc PRIMARY KEY);"
               "INSERT INTO alembic_version VALUES ('3f2a9c1d0b7e'), ('0000deadbeef')");
  const auto target = stamp_target_with(
      database, fmt::format("      - alembic: {{version: head, versions_dir: '{}'}}\n"
                            "      - flyway: {{version: '1.9', installed_by: deployer}}\n",
                            (services_dir / "auth/alembic/versions").string()));
  const auto outcome = stamp_into(database, target);
  CHECK(outcome.entries.at(0).rows_written == 1);
  CHECK(table_snapshot(database, "alembic_version") == Lines{"(d7a3e8b41c92)"});
  CHECK(query_lines(database, "SELECT version, installed_by FROM flyway_schema_history") ==
        Lines{"1.9|deployer"});
}

TEST_CASE("prisma keeps the rows that already record a migration with its checksum", "[stamp]") {
  testing::TestDatabase database("stamp_prisma");
  const auto target = stamp_target_with(
      database, fmt::format("      - prisma: {{migrations_dir: '{}'}}\n",
                            (services_dir / "document/prisma/migrations").string()));
  // As Prisma would leave it: init applied, add_tags applied from a since edited file,
  // soft_delete rolled back, and a migration whose folder is gone.
  database.run(
      "CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY NOT NULL, checksum "
      "varchar(64) NOT NULL, finished_at timestamptz, migration_name varchar(255) NOT NULL, "
      "logs text, rolled_back_at timestamptz, started_at timestamptz NOT NULL DEFAULT now(), "
      "applied_steps_count integer NOT NULL DEFAULT 0);"
      "INSERT INTO _prisma_migrations VALUES "
      "('11111111-1111-4111-8111-111111111111', '" +
      init_checksum +
      "', '2024-01-01 10:00:01+00', '20240101000000_init', NULL, NULL, "
      "'2024-01-01 10:00:00+00', 1),"
      "('22222222-2222-4222-8222-222222222222', 'edited', '2024-03-15 10:00:01+00', "
      "'20240315093000_add_tags', NULL, NULL, '2024-03-15 10:00:00+00', 1),"
      "('33333333-3333-4333-8333-333333333333', '" +
      soft_delete_checksum +
      "', NULL, '20240620120000_soft_delete', 'failed', '2024-06-20 10:00:02+00', "
      "'2024-06-20 10:00:00+00', 0),"
      "('44444444-4444-4444-8444-444444444444', 'gone', '2024-07-01 10:00:01+00', "
      "'20240701000000_removed', NULL, NULL, '2024-07-01 10:00:00+00', 1)");

  const auto outcome = stamp_into(database, target);
  CHECK(outcome.entries.at(0).rows_written == 2);
  CHECK(outcome.entries.at(0).rows_kept == 1);
  CHECK(query_lines(database, "SELECT migration_name, checksum, applied_steps_count, "
                              "id = '11111111-1111-4111-8111-111111111111', rolled_back_at "
                              "FROM _prisma_migrations ORDER BY migration_name") ==
        Lines{"20240101000000_init|" + init_checksum + "|1|t|NULL",
              "20240315093000_add_tags|" + add_tags_checksum + "|0|f|NULL",
              "20240620120000_soft_delete|" + soft_delete_checksum + "|0|f|NULL"});
}

TEST_CASE("two stamp entries writing one table are refused before anything is written", "[stamp]") {
  testing::TestDatabase database("stamp_same_table");
  const auto target = stamp_target_with(database, "      - alembic: {version: 1a2b3c}\n"
                                                  "      - alembic: {version: 4d5e6f}\n");
  try {
    stamp_into(database, target);
    FAIL("no ConfigError was thrown");
  } catch (const core::ConfigError& error) {
    REQUIRE(error.diagnostics().size() == 1);
    CHECK(error.diagnostics()[0].where.target == "svc");
    CHECK_THAT(error.diagnostics()[0].message, Contains(R"("alembic_version")"));
  }
  CHECK_FALSE(table_exists(database, "alembic_version"));
}
