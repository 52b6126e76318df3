#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/dbmate_versions.hpp>
#include <pgsplit/stamp/diesel_migrations.hpp>
#include <pgsplit/stamp/ecto_migrations.hpp>
#include <pgsplit/stamp/goose_versions.hpp>
#include <pgsplit/stamp/knex_migrations.hpp>
#include <pgsplit/stamp/liquibase_changelog.hpp>
#include <pgsplit/stamp/node_pg_migrate_migrations.hpp>
#include <pgsplit/stamp/part_b_stamps.hpp>
#include <pgsplit/stamp/sequelize_meta.hpp>
#include <pgsplit/stamp/sqlx_migrations.hpp>
#include <pgsplit/stamp/typeorm_migrations.hpp>

#include <fmt/format.h>

namespace pgsplit::stamp {

StampPlan plan_part_b_stamp(const StampRequest& request, const StampTable& table,
                            const QuoteIdent& quote_ident) {
  if (request.tool == StampTool::diesel && table.name != default_stamp_table(StampTool::diesel)) {
    throw core::ConfigError(core::Diagnostic{request.origin,
                                             "Diesel's version table is always "
                                             "__diesel_schema_migrations",
                                             "remove table from this stamp entry"});
  }
  if (request.migrations_dir.empty()) {
    // One row per migration file: without the files there is nothing to write, whatever the
    // version.
    const bool liquibase = request.tool == StampTool::liquibase;
    throw core::ConfigError(core::Diagnostic{
        request.origin,
        fmt::format("a {} stamp needs {}: it records every migration {}",
                    config::to_string(request.tool), liquibase ? "changelog" : "migrations_dir",
                    liquibase ? "of the changelog" : "file up to the version"),
        liquibase ? "set changelog to the service's root changelog file"
                  : "set migrations_dir to the service's migration folder"});
  }
  switch (request.tool) {
  case StampTool::knex:
    return knex_stamp_plan(request, table, quote_ident);
  case StampTool::node_pg_migrate:
    return node_pg_migrate_stamp_plan(request, table, quote_ident);
  case StampTool::sequelize:
    return sequelize_stamp_plan(request, table, quote_ident);
  case StampTool::typeorm:
    return typeorm_stamp_plan(request, table, quote_ident);
  case StampTool::sqlx:
    return sqlx_stamp_plan(request, table, quote_ident);
  case StampTool::dbmate:
    return dbmate_stamp_plan(request, table, quote_ident);
  case StampTool::goose:
    return goose_stamp_plan(request, table, quote_ident);
  case StampTool::ecto:
    return ecto_stamp_plan(request, table, quote_ident);
  case StampTool::diesel:
    return diesel_stamp_plan(request, table, quote_ident);
  case StampTool::liquibase:
    return liquibase_stamp_plan(request, table, quote_ident);
  default:
    break;
  }
  throw core::ConfigError(core::Diagnostic{request.origin, "not a part B stamp tool", ""});
}

} // namespace pgsplit::stamp
