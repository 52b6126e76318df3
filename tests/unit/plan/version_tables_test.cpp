#include <pgsplit/plan/version_tables.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::plan;

TEST_CASE("is_version_table knows the history tables of migration tools", "[plan]") {
  for (const char* name :
       {"alembic_version", "alembic_version_auth", "flyway_schema_history", "schema_migrations",
        "ar_internal_metadata", "_prisma_migrations", "django_migrations", "knex_migrations",
        "knex_migrations_lock", "databasechangelog", "databasechangeloglock", "goose_db_version",
        "_sqlx_migrations", "pgmigrations", "DATABASECHANGELOG"}) {
    INFO(name);
    CHECK(is_version_table(name));
  }
  for (const char* name : {"users", "schema_migrations_old", "my_alembic_version",
                           "flyway_schema_history2", "alembic", "migrations", ""}) {
    INFO(name);
    CHECK_FALSE(is_version_table(name));
  }
}

TEST_CASE("version_table_tool names the tool, or nothing", "[plan]") {
  CHECK(version_table_tool("alembic_version_billing") == "alembic");
  CHECK(version_table_tool("flyway_schema_history") == "flyway");
  CHECK(version_table_tool("databasechangeloglock") == "liquibase");
  CHECK(version_table_tool("knex_migrations_lock") == "knex");
  CHECK(version_table_tool("_prisma_migrations") == "prisma");
  CHECK(version_table_tool("schema_migrations") == "golang-migrate or rails");
  // part B
  CHECK(version_table_tool("SequelizeMeta") == "sequelize");
  CHECK(version_table_tool("__diesel_schema_migrations") == "diesel");
  CHECK_FALSE(is_version_table("SequelizeMetadata"));
  CHECK(version_table_tool("pgmigrations") == "node-pg-migrate");
  CHECK(version_table_tool("users").empty());
}
