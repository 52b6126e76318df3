#pragma once

#include <string>
#include <string_view>

// The history tables that migration tools keep in an application's database. They are left in
// the source by default (each target gets its own history through `stamp`), and `pgsplit init`
// never lists them in a target.
namespace pgsplit::plan {

// Whether `name` (a table name, without schema) is the version table of a known migration tool:
// alembic_version*, flyway_schema_history, schema_migrations, ar_internal_metadata,
// _prisma_migrations, django_migrations, knex_migrations*, databasechangelog*,
// goose_db_version, _sqlx_migrations, pgmigrations, SequelizeMeta, __diesel_schema_migrations.
// ASCII case is ignored.
bool is_version_table(std::string_view name);

// The tool that keeps the version table `name`, for messages: "alembic", "flyway",
// "liquibase", …; empty when `name` is not a version table.
std::string version_table_tool(std::string_view name);

} // namespace pgsplit::plan
