#include <pgsplit/stamp/migration_files.hpp>
#include <pgsplit/stamp/node_pg_migrate_migrations.hpp>
#include <pgsplit/stamp/stamp_rows.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pgsplit::stamp {
namespace fs = std::filesystem;
namespace {

// Numbers compare by value (so 9_x before 10_x), as node-pg-migrate's numeric prefix sort does.
bool comes_before(const NodePgMigration& a, const NodePgMigration& b) {
  const std::string left = without_leading_zeros(a.version);
  const std::string right = without_leading_zeros(b.version);
  if (left.size() != right.size()) {
    return left.size() < right.size();
  }
  return left != right ? left < right : a.name < b.name;
}

} // namespace

std::vector<NodePgMigration> read_node_pg_migrations(const fs::path& dir) {
  std::vector<NodePgMigration> migrations;
  for (const auto& file : migration_files(dir)) {
    const std::string file_name = file.filename().string();
    if (file_name.starts_with('.')) {
      continue; // node-pg-migrate's default ignore pattern
    }
    migrations.push_back({leading_digits(file_name), file.stem().string(), file});
  }
  std::stable_sort(migrations.begin(), migrations.end(), comes_before);
  return migrations;
}

StampPlan node_pg_migrate_stamp_plan(const StampRequest& request, const StampTable& table,
                                     const QuoteIdent& quote_ident) {
  std::vector<NodePgMigration> all;
  if (!request.migrations_dir.empty()) {
    all = read_node_pg_migrations(request.migrations_dir);
  }
  const auto migrations = migrations_up_to(all, request.version, request.origin, "node-pg-migrate",
                                           request.migrations_dir);
  StampPlan plan = begin_plan(StampTool::node_pg_migrate, table, quote_ident);
  const auto q = [&](std::string_view name) { return quote_ident(name); };
  plan.create_statements.push_back(fmt::format(
      "CREATE TABLE IF NOT EXISTS {} ({} serial PRIMARY KEY, {} varchar(255) NOT NULL, {} "
      "timestamp NOT NULL)",
      plan.qualified_table, q("id"), q("name"), q("run_on")));
  plan.insert_statement = fmt::format("INSERT INTO {} ({}, {}) VALUES ($1, now())",
                                      plan.qualified_table, q("name"), q("run_on"));
  for (const auto& migration : migrations) {
    plan.rows.push_back({migration.name});
  }
  plan.volatile_columns = {"id", "run_on"};
  plan.key_columns = {"name"};
  plan.summary = history_summary("node-pg-migrate", plan.qualified_table, migrations.size(),
                                 migrations.back().name);
  return plan;
}

} // namespace pgsplit::stamp
