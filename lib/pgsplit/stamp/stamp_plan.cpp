#include <pgsplit/stamp/stamp_plan.hpp>

namespace pgsplit::stamp {

std::string_view default_stamp_table(StampTool tool) {
  switch (tool) {
  case StampTool::alembic:
    return "alembic_version";
  case StampTool::flyway:
    return "flyway_schema_history";
  case StampTool::golang_migrate:
    return "schema_migrations";
  case StampTool::prisma:
    return "_prisma_migrations";
  case StampTool::sql:
    return "";
  // part A
  case StampTool::rails:
    return "schema_migrations";
  case StampTool::django:
    return "django_migrations";
  case StampTool::yoyo:
    return "_yoyo_migration";
  case StampTool::sqitch:
  case StampTool::files: // the mapping names it
    return "";
  // part B
  case StampTool::knex:
    return "knex_migrations";
  case StampTool::node_pg_migrate:
    return "pgmigrations";
  case StampTool::sequelize:
    return "SequelizeMeta";
  case StampTool::typeorm:
    return "migrations";
  case StampTool::sqlx:
    return "_sqlx_migrations";
  case StampTool::dbmate:
  case StampTool::ecto:
    return "schema_migrations";
  case StampTool::goose:
    return "goose_db_version";
  case StampTool::diesel:
    return "__diesel_schema_migrations";
  case StampTool::liquibase:
    return "databasechangelog";
  }
  return "";
}

} // namespace pgsplit::stamp
