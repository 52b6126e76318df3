#include "support/problems.hpp"

#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/core/error.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::config;

namespace {

const Environment env = fixed_environment({{"VERSIONS", "alembic/versions"}});

// Lines 1-7; the test's stamp entries start on line 8, indented by 6.
const std::string head = "source:\n  url: postgresql://h/mono\ntargets:\n  auth:\n"
                         "    url: postgresql://h/auth\n    tables: [users]\n    stamp:\n";

std::vector<StampEntry> stamps(const std::string& entries,
                               const std::filesystem::path& file = "/srv/app/pgsplit.yaml") {
  return parse_mapping(head + entries, file, env).targets.at(0).stamps;
}

StampEntry stamp(const std::string& entry) {
  auto all = stamps("      - " + entry + "\n");
  REQUIRE(all.size() == 1);
  return all.front();
}

std::vector<std::string> problems(const std::string& entries) {
  return pgsplit::testing::mapping_problems(head + entries, env);
}

using Problems = std::vector<std::string>;

} // namespace

TEST_CASE("alembic entries get their defaults", "[config]") {
  const StampEntry s = stamp("alembic: {version: 3f2a9c}");
  CHECK(s.tool == StampTool::alembic);
  CHECK(s.table == "alembic_version");
  CHECK_FALSE(s.schema);
  CHECK(s.version == "3f2a9c");
  CHECK(s.directory.empty());
  CHECK_FALSE(s.all_heads);
  CHECK(s.location.line == 8);
  CHECK(s.location.column == 9);
  CHECK(s.location.target == "auth");
}

TEST_CASE("alembic head reads versions_dir and heads", "[config]") {
  const StampEntry s = stamp("alembic: {table: av, schema: meta, version: head, "
                             "versions_dir: \"${VERSIONS}\", heads: all}");
  CHECK(s.table == "av");
  CHECK(s.schema == "meta");
  CHECK(s.version == "head");
  CHECK(s.directory == "/srv/app/alembic/versions");
  CHECK(s.all_heads);
}

TEST_CASE("alembic rules tie version, versions_dir and heads together", "[config]") {
  CHECK(problems("      - alembic: {version: head}\n"
                 "      - alembic: {version: abc, heads: all}\n"
                 "      - alembic: {version: head, versions_dir: v, heads: some}\n"
                 "      - alembic: {table: t}\n") ==
        Problems{"8:28: targets.auth.stamp[0].alembic.version: 'head' needs versions_dir",
                 "9:40: targets.auth.stamp[1].alembic.heads: 'all' needs version: head",
                 "10:58: targets.auth.stamp[2].alembic.heads: expected 'all', got 'some'",
                 "11:9: missing required key 'version' in targets.auth.stamp[3].alembic"});
}

TEST_CASE("flyway entries get their defaults, latest needs migrations_dir", "[config]") {
  const StampEntry s = stamp("flyway: {version: latest, migrations_dir: db/migration}");
  CHECK(s.tool == StampTool::flyway);
  CHECK(s.table == "flyway_schema_history");
  CHECK(s.directory == "/srv/app/db/migration");
  CHECK_FALSE(s.installed_by);
  CHECK(stamp("flyway: {version: '1.2.3', installed_by: deploy}").installed_by == "deploy");
  CHECK(problems("      - flyway: {version: latest}\n") ==
        Problems{"8:27: targets.auth.stamp[0].flyway.version: 'latest' needs migrations_dir"});
}

TEST_CASE("golang_migrate versions are latest or an integer", "[config]") {
  const StampEntry s = stamp("golang_migrate: {version: 20240101120000}");
  CHECK(s.tool == StampTool::golang_migrate);
  CHECK(s.table == "schema_migrations");
  CHECK(s.version == "20240101120000");
  CHECK(stamp("golang-migrate: {version: 7}").tool == StampTool::golang_migrate);
  CHECK(problems("      - golang_migrate: {version: v7}\n"
                 "      - golang_migrate: {version: latest}\n") ==
        Problems{"8:35: targets.auth.stamp[0].golang_migrate.version: expected 'latest' or an "
                 "integer, got 'v7'",
                 "9:35: targets.auth.stamp[1].golang_migrate.version: 'latest' needs "
                 "migrations_dir"});
}

TEST_CASE("prisma needs migrations_dir and always uses _prisma_migrations", "[config]") {
  const StampEntry s = stamp("prisma: {migrations_dir: prisma/migrations, schema: app}");
  CHECK(s.tool == StampTool::prisma);
  CHECK(s.table == "_prisma_migrations");
  CHECK(s.schema == "app");
  CHECK(s.version.empty());
  CHECK(s.directory == "/srv/app/prisma/migrations");
  CHECK(problems("      - prisma: {}\n      - prisma: {migrations_dir: m, table: t}\n") ==
        Problems{"8:9: missing required key 'migrations_dir' in targets.auth.stamp[0].prisma",
                 "9:37: unknown key 'table' in targets.auth.stamp[1].prisma"});
}

TEST_CASE("sql entries hold a non-empty statement", "[config]") {
  const StampEntry s = stamp("sql: \"INSERT INTO v VALUES ('042')\"");
  CHECK(s.tool == StampTool::sql);
  CHECK(s.sql == "INSERT INTO v VALUES ('042')");
  CHECK(s.table.empty());
  CHECK(stamp("sql: \"SELECT $$$$x$$$$\"").sql == "SELECT $$x$$");
  CHECK(problems("      - sql: ''\n      - sql: [a]\n") ==
        Problems{"8:14: targets.auth.stamp[0].sql: expected a non-empty value, got an empty "
                 "string",
                 "9:14: targets.auth.stamp[1].sql: expected a string, got a list"});
}

TEST_CASE("stamp directories resolve against the mapping file's directory", "[config]") {
  const std::string entry = "      - prisma: {migrations_dir: services/doc/migrations}\n";
  CHECK(stamps(entry, "/srv/app/pgsplit.yaml")[0].directory == "/srv/app/services/doc/migrations");
  CHECK(stamps(entry, "conf/pgsplit.yaml")[0].directory == "conf/services/doc/migrations");
  CHECK(stamps(entry, "pgsplit.yaml")[0].directory == "services/doc/migrations");
  CHECK(stamps("      - prisma: {migrations_dir: /abs/m}\n", "conf/p.yaml")[0].directory ==
        "/abs/m");
}

TEST_CASE("stamp settings may not repeat a key", "[config]") {
  CHECK(problems("      - alembic:\n          version: a\n          version: b\n") ==
        Problems{"10:11: duplicate key 'version' in targets.auth.stamp[0].alembic (first at line "
                 "9)"});
}

TEST_CASE("each stamp entry is one known tool", "[config]") {
  CHECK(problems("      - alembc: {version: head}\n") ==
        Problems{"8:9: unknown stamp tool 'alembc' in targets.auth.stamp[0]; did you mean "
                 "'alembic'?"});
  // Settings indented like the tool name become a second key of the entry.
  CHECK(problems("      - alembic:\n        version: x\n") ==
        Problems{"8:9: targets.auth.stamp[0]: expected one tool per entry, got 2 keys"});
  CHECK(problems("      - alembic\n") ==
        Problems{"8:9: targets.auth.stamp[0]: expected a tool and its settings, e.g. "
                 "`alembic: {…}`, got a string"});
  CHECK(problems("      - flyway: latest\n") ==
        Problems{"8:17: targets.auth.stamp[0].flyway: expected a mapping of settings, got a "
                 "string"});
}

// part B
TEST_CASE("part B tools get their default tables, and latest or head needs the folder",
          "[config]") {
  const std::vector<std::pair<std::string, std::string>> defaults{
      {"knex", "knex_migrations"},
      {"node_pg_migrate", "pgmigrations"},
      {"sequelize", "SequelizeMeta"},
      {"typeorm", "migrations"},
      {"sqlx", "_sqlx_migrations"},
      {"dbmate", "schema_migrations"},
      {"goose", "goose_db_version"},
      {"ecto", "schema_migrations"},
      {"diesel", "__diesel_schema_migrations"}};
  for (const auto& [tool, table] : defaults) {
    INFO(tool);
    const StampEntry s = stamp(tool + ": {version: latest, migrations_dir: db/migrations}");
    CHECK(to_string(s.tool) == tool);
    CHECK(s.table == table);
    CHECK(s.directory == "/srv/app/db/migrations");
  }
  CHECK(stamp("knex: {version: head, migrations_dir: m, table: kx, schema: app}").table == "kx");
  CHECK(problems("      - knex: {version: head}\n"
                 "      - diesel: {version: latest, migrations_dir: m, table: t}\n") ==
        Problems{"8:25: targets.auth.stamp[0].knex.version: 'head' needs migrations_dir",
                 "9:54: unknown key 'table' in targets.auth.stamp[1].diesel"});
}

TEST_CASE("liquibase reads a changelog file and the name Liquibase records for it", "[config]") {
  const StampEntry s = stamp("liquibase: {version: latest, changelog: db/changelog.yaml, "
                             "changelog_name: db/changelog.yaml}");
  CHECK(s.tool == StampTool::liquibase);
  CHECK(s.table == "databasechangelog");
  CHECK(s.directory == "/srv/app/db/changelog.yaml");
  CHECK(s.changelog_name == "db/changelog.yaml");
  CHECK(problems("      - liquibase: {version: latest, migrations_dir: db}\n") ==
        Problems{"8:30: targets.auth.stamp[0].liquibase.version: 'latest' needs changelog",
                 "8:38: unknown key 'migrations_dir' in targets.auth.stamp[0].liquibase"});
}
