#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/alembic_history.hpp>
#include <pgsplit/stamp/django_graph.hpp>
#include <pgsplit/stamp/file_stamp.hpp>
#include <pgsplit/stamp/golang_migrate_versions.hpp>
#include <pgsplit/stamp/part_b_stamps.hpp>
#include <pgsplit/stamp/rails_migrations.hpp>
#include <pgsplit/stamp/stamp_request.hpp>
#include <pgsplit/stamp/stamp_rows.hpp>
#include <pgsplit/stamp/yoyo_migrations.hpp>

#include <fmt/format.h>

namespace pgsplit::stamp {
namespace {

[[noreturn]] void fail(const StampRequest& request, std::string message, std::string hint) {
  throw core::ConfigError(core::Diagnostic{request.origin, std::move(message), std::move(hint)});
}

// Options that only make sense for one tool are refused elsewhere rather than ignored.
void check_options(const StampRequest& request) {
  const auto tool = config::to_string(request.tool);
  if (request.all_heads && request.tool != StampTool::alembic) {
    fail(request, fmt::format("heads: all applies to alembic, not {}", tool),
         "remove heads from this stamp entry");
  }
  if (request.installed_by && request.tool != StampTool::flyway) {
    fail(request, fmt::format("installed_by applies to flyway, not {}", tool),
         "remove installed_by from this stamp entry");
  }
  if (request.tool == StampTool::prisma && !request.table.empty() &&
      request.table != default_stamp_table(StampTool::prisma)) {
    fail(request, "Prisma's version table is always _prisma_migrations",
         "remove table from this stamp entry");
  }
  const bool needs_folder = request.tool == StampTool::rails || request.tool == StampTool::yoyo ||
                            request.tool == StampTool::files; // part A: rows per file
  if (needs_folder && request.migrations_dir.empty()) {
    fail(request,
         fmt::format("a {} stamp needs migrations_dir: it records every migration file",
                     config::to_string(request.tool)),
         "set migrations_dir to the service's migrations folder");
  }
  if (request.changelog_name && request.tool != StampTool::liquibase) { // part B
    fail(request, fmt::format("changelog_name applies to liquibase, not {}", tool),
         "remove changelog_name from this stamp entry");
  }
  if (request.tool == StampTool::prisma && request.migrations_dir.empty()) {
    fail(request, "a prisma stamp needs migrations_dir: each row holds a migration's checksum",
         "set migrations_dir to the service's prisma/migrations folder");
  }
}

StampPlan plan_alembic(const StampRequest& request, const StampTable& table,
                       const QuoteIdent& quote_ident) {
  std::optional<AlembicHistory> history;
  if (!request.migrations_dir.empty()) {
    history = read_alembic_history(request.migrations_dir);
  }
  const std::string version = request.version.empty() ? "head" : request.version;
  const auto revisions = resolve_alembic_version(history ? &*history : nullptr, version,
                                                 request.all_heads, request.origin);
  return alembic_stamp_plan(table, revisions, quote_ident);
}

StampPlan plan_flyway(const StampRequest& request, const StampTable& table,
                      const QuoteIdent& quote_ident) {
  std::optional<std::vector<FlywayMigration>> migrations;
  if (!request.migrations_dir.empty()) {
    migrations = read_flyway_migrations(request.migrations_dir);
  }
  const std::string version = request.version.empty() ? "latest" : request.version;
  const auto baseline =
      resolve_flyway_version(migrations ? &*migrations : nullptr, version, request.origin);
  return flyway_stamp_plan(table, baseline, request.installed_by, quote_ident);
}

StampPlan plan_golang_migrate(const StampRequest& request, const StampTable& table,
                              const QuoteIdent& quote_ident) {
  std::optional<std::vector<GolangMigration>> migrations;
  if (!request.migrations_dir.empty()) {
    migrations = read_golang_migrations(request.migrations_dir);
  }
  const std::string version = request.version.empty() ? "latest" : request.version;
  const auto head =
      resolve_golang_migrate_version(migrations ? &*migrations : nullptr, version, request.origin);
  return golang_migrate_stamp_plan(table, head, quote_ident);
}

StampPlan plan_prisma(const StampRequest& request, const StampTable& table,
                      const QuoteIdent& quote_ident) {
  const auto migrations = read_prisma_migrations(request.migrations_dir);
  const std::string version = request.version.empty() ? "latest" : request.version;
  return prisma_stamp_plan(table, prisma_migrations_up_to(migrations, version, request.origin),
                           quote_ident);
}

// part A
std::string latest_or(const StampRequest& request) {
  return request.version.empty() || request.version == "head" ? "latest" : request.version;
}

StampPlan plan_files_of(const StampRequest& request, const StampTable& table,
                        const QuoteIdent& quote_ident);

// A problem found in a migration file names the file and its line; the hint adds the stamp
// entry of the mapping that led there.
StampPlan plan_part_a(const StampRequest& request, const StampTable& table,
                      const QuoteIdent& quote_ident) {
  try {
    return plan_files_of(request, table, quote_ident);
  } catch (const core::ConfigError& error) {
    core::Diagnostics problems = error.diagnostics();
    for (auto& problem : problems) {
      if (problem.where.line != 0 && problem.where.file != request.origin.file) {
        auto entry = request.origin;
        entry.target.clear();
        problem.hint += fmt::format("{}(stamp entry {}: {})", problem.hint.empty() ? "" : " ",
                                    config::to_string(request.tool), core::format_location(entry));
      }
    }
    throw core::ConfigError(std::move(problems));
  }
}

StampPlan plan_files_of(const StampRequest& request, const StampTable& table,
                        const QuoteIdent& quote_ident) {
  const auto& settings = request.settings_a;
  const std::string version = latest_or(request);
  switch (request.tool) {
  case StampTool::rails:
    return rails_stamp_plan(
        table, settings.metadata_table.empty() ? "ar_internal_metadata" : settings.metadata_table,
        settings.environment,
        rails_migrations_up_to(read_rails_migrations(request.migrations_dir), version,
                               request.origin),
        quote_ident);
  case StampTool::django:
    return django_stamp_plan(table, django_rows(read_django_history(settings.apps)), quote_ident);
  case StampTool::yoyo:
    return yoyo_stamp_plan(table,
                           yoyo_migrations_up_to(read_yoyo_migrations(request.migrations_dir),
                                                 version, request.origin),
                           quote_ident);
  case StampTool::files: {
    const auto pattern = compile_file_pattern(settings.pattern, request.origin);
    return file_stamp_plan(
        table, settings, pattern,
        migration_files_up_to(read_migration_files(request.migrations_dir, pattern), version,
                              request.origin),
        request.origin, quote_ident);
  }
  default: // sqitch is refused by the mapping loader
    break;
  }
  fail(request,
       fmt::format("pgsplit does not write {}'s version table", config::to_string(request.tool)),
       "see docs/stamping.md for the tools pgsplit stamps");
}

} // namespace

StampPlan plan_stamp(const StampRequest& request, const QuoteIdent& quote_ident) {
  check_options(request);
  const StampTable table{request.schema, request.table.empty()
                                             ? std::string(default_stamp_table(request.tool))
                                             : request.table};
  switch (request.tool) {
  case StampTool::alembic:
    return plan_alembic(request, table, quote_ident);
  case StampTool::flyway:
    return plan_flyway(request, table, quote_ident);
  case StampTool::golang_migrate:
    return plan_golang_migrate(request, table, quote_ident);
  case StampTool::prisma:
    return plan_prisma(request, table, quote_ident);
  case StampTool::sql:
    break; // its statements are the mapping's: stamp_target runs them as written
  // part A
  case StampTool::rails:
  case StampTool::django:
  case StampTool::yoyo:
  case StampTool::sqitch:
  case StampTool::files:
    return plan_part_a(request, table, quote_ident);
  // part B
  case StampTool::knex:
  case StampTool::node_pg_migrate:
  case StampTool::sequelize:
  case StampTool::typeorm:
  case StampTool::sqlx:
  case StampTool::dbmate:
  case StampTool::goose:
  case StampTool::ecto:
  case StampTool::diesel:
  case StampTool::liquibase:
    return plan_part_b_stamp(request, table, quote_ident);
  }
  fail(request, fmt::format("{} has no version table to plan", config::to_string(request.tool)),
       "use alembic, flyway, golang_migrate or prisma");
}

} // namespace pgsplit::stamp
