#include <pgsplit/core/sha256.hpp>
#include <pgsplit/stamp/migration_dir.hpp>
#include <pgsplit/stamp/migration_files.hpp>
#include <pgsplit/stamp/sqlx_migrations.hpp>
#include <pgsplit/stamp/stamp_rows.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pgsplit::stamp {
namespace fs = std::filesystem;
namespace {

// "0003_add_user_email.up.sql" → "add user email".
std::string description_of(const std::string& name) {
  std::string middle = name.substr(name.find('_') + 1);
  for (const std::string_view suffix : {".up.sql", ".sql"}) {
    if (middle.ends_with(suffix)) {
      middle.resize(middle.size() - suffix.size());
      break;
    }
  }
  std::replace(middle.begin(), middle.end(), '_', ' ');
  return middle;
}

} // namespace

std::vector<SqlxMigration> read_sqlx_migrations(const fs::path& dir) {
  const auto numbered = read_numbered_migrations(
      dir,
      [](const fs::path& file) {
        const std::string name = file.filename().string();
        return name.ends_with(".sql") && !name.ends_with(".down.sql");
      },
      "sqlx", "_sqlx_migrations.version");
  std::vector<SqlxMigration> migrations;
  for (const auto& migration : numbered) {
    migrations.push_back({migration.version, migration.name, description_of(migration.name),
                          core::sha384_hex(read_migration_file(migration.file)), migration.file});
  }
  return migrations;
}

StampPlan sqlx_stamp_plan(const StampRequest& request, const StampTable& table,
                          const QuoteIdent& quote_ident) {
  std::vector<SqlxMigration> all;
  if (!request.migrations_dir.empty()) {
    all = read_sqlx_migrations(request.migrations_dir);
  }
  const auto migrations =
      migrations_up_to(all, request.version, request.origin, "sqlx", request.migrations_dir);
  StampPlan plan = begin_plan(StampTool::sqlx, table, quote_ident);
  const auto q = [&](std::string_view name) { return quote_ident(name); };
  // sqlx's PostgreSQL table, as `sqlx migrate run` creates it.
  plan.create_statements.push_back(fmt::format(
      "CREATE TABLE IF NOT EXISTS {} ({} bigint PRIMARY KEY, {} text NOT NULL, {} timestamptz NOT "
      "NULL DEFAULT now(), {} boolean NOT NULL, {} bytea NOT NULL, {} bigint NOT NULL)",
      plan.qualified_table, q("version"), q("description"), q("installed_on"), q("success"),
      q("checksum"), q("execution_time")));
  plan.insert_statement = fmt::format(
      "INSERT INTO {} ({}) VALUES ($1, $2, $3, decode($4, 'hex'), $5)", plan.qualified_table,
      quoted_list({"version", "description", "success", "checksum", "execution_time"},
                  quote_ident));
  for (const auto& migration : migrations) {
    plan.rows.push_back(
        {migration.version, migration.description, "true", migration.checksum, "0"});
  }
  plan.volatile_columns = {"installed_on"};
  plan.key_columns = {"version", "description", "success"};
  plan.summary =
      history_summary("sqlx", plan.qualified_table, migrations.size(), migrations.back().name);
  return plan;
}

} // namespace pgsplit::stamp
