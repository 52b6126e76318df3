#include <pgsplit/stamp/migration_files.hpp>
#include <pgsplit/stamp/sequelize_meta.hpp>
#include <pgsplit/stamp/stamp_rows.hpp>

#include <fmt/format.h>

namespace pgsplit::stamp {
namespace fs = std::filesystem;

std::vector<SequelizeMigration> read_sequelize_migrations(const fs::path& dir) {
  std::vector<SequelizeMigration> migrations;
  for (const auto& file : migration_files(dir)) {
    const std::string name = file.filename().string();
    const std::string extension = file.extension().string();
    // sequelize-cli's pattern: .cjs, .js, .cts or .ts, but no type declarations (.d.ts).
    const bool script =
        extension == ".js" || extension == ".cjs" || extension == ".ts" || extension == ".cts";
    if (script && !name.ends_with(".d.ts")) {
      migrations.push_back({leading_digits(name), name, file});
    }
  }
  return migrations;
}

StampPlan sequelize_stamp_plan(const StampRequest& request, const StampTable& table,
                               const QuoteIdent& quote_ident) {
  std::vector<SequelizeMigration> all;
  if (!request.migrations_dir.empty()) {
    all = read_sequelize_migrations(request.migrations_dir);
  }
  const auto migrations =
      migrations_up_to(all, request.version, request.origin, "sequelize", request.migrations_dir);
  StampPlan plan = begin_plan(StampTool::sequelize, table, quote_ident);
  const std::string name = quote_ident("name");
  // As Sequelize's sync() creates the model of umzug's SequelizeStorage.
  plan.create_statements.push_back(
      fmt::format("CREATE TABLE IF NOT EXISTS {} ({} varchar(255) NOT NULL UNIQUE, PRIMARY KEY "
                  "({}))",
                  plan.qualified_table, name, name));
  plan.insert_statement =
      fmt::format("INSERT INTO {} ({}) VALUES ($1)", plan.qualified_table, name);
  for (const auto& migration : migrations) {
    plan.rows.push_back({migration.name});
  }
  plan.key_columns = {"name"};
  plan.summary =
      history_summary("sequelize", plan.qualified_table, migrations.size(), migrations.back().name);
  return plan;
}

} // namespace pgsplit::stamp
