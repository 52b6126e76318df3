#include <pgsplit/stamp/knex_migrations.hpp>
#include <pgsplit/stamp/migration_files.hpp>
#include <pgsplit/stamp/stamp_rows.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace pgsplit::stamp {
namespace fs = std::filesystem;

std::vector<KnexMigration> read_knex_migrations(const fs::path& dir) {
  // knex's loadExtensions default: other files (README.md, .gitkeep) are not migrations.
  static constexpr std::array<std::string_view, 9> extensions = {
      ".co", ".coffee", ".eg", ".iced", ".js", ".cjs", ".litcoffee", ".ls", ".ts"};
  std::vector<KnexMigration> migrations;
  for (const auto& file : migration_files(dir)) {
    const std::string extension = file.extension().string();
    if (std::find(extensions.begin(), extensions.end(), extension) != extensions.end()) {
      const std::string name = file.filename().string();
      migrations.push_back({leading_digits(name), name, file});
    }
  }
  return migrations; // migration_files sorts by path, that is by file name here
}

StampPlan knex_stamp_plan(const StampRequest& request, const StampTable& table,
                          const QuoteIdent& quote_ident) {
  std::vector<KnexMigration> all;
  if (!request.migrations_dir.empty()) {
    all = read_knex_migrations(request.migrations_dir);
  }
  const auto migrations =
      migrations_up_to(all, request.version, request.origin, "knex", request.migrations_dir);
  StampPlan plan = begin_plan(StampTool::knex, table, quote_ident);
  const auto q = [&](std::string_view name) { return quote_ident(name); };
  // As knex's table creator makes them (increments, string, integer, timestamp → timestamptz).
  plan.create_statements.push_back(
      fmt::format("CREATE TABLE IF NOT EXISTS {} ({} serial PRIMARY KEY, {} varchar(255), {} "
                  "integer, {} timestamptz)",
                  plan.qualified_table, q("id"), q("name"), q("batch"), q("migration_time")));
  const StampTable lock{table.schema, table.name + "_lock"};
  const std::string lock_table = begin_plan(StampTool::knex, lock, quote_ident).qualified_table;
  plan.create_statements.push_back(
      fmt::format("CREATE TABLE IF NOT EXISTS {} ({} serial PRIMARY KEY, {} integer)", lock_table,
                  q("index"), q("is_locked")));
  // knex inserts its single lock row when the lock table is empty; an existing row (locked by
  // a running migration, say) is left alone.
  plan.create_statements.push_back(
      fmt::format("INSERT INTO {0} ({1}) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM {0})", lock_table,
                  q("is_locked")));
  plan.insert_statement =
      fmt::format("INSERT INTO {} ({}, {}, {}) VALUES ($1, $2, now())", plan.qualified_table,
                  q("name"), q("batch"), q("migration_time"));
  for (const auto& migration : migrations) {
    plan.rows.push_back({migration.name, "1"});
  }
  plan.volatile_columns = {"id", "migration_time"};
  plan.key_columns = {"name", "batch"};
  plan.summary =
      history_summary("knex", plan.qualified_table, migrations.size(), migrations.back().name);
  return plan;
}

} // namespace pgsplit::stamp
