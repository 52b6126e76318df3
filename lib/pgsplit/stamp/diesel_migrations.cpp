#include <pgsplit/stamp/diesel_migrations.hpp>
#include <pgsplit/stamp/migration_dir.hpp>
#include <pgsplit/stamp/migration_files.hpp>
#include <pgsplit/stamp/stamp_rows.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pgsplit::stamp {
namespace fs = std::filesystem;

std::vector<DieselMigration> read_diesel_migrations(const fs::path& dir) {
  std::vector<DieselMigration> migrations;
  core::Diagnostics problems;
  for (const auto& entry : list_migration_dir(dir)) {
    const std::string name = entry.path().filename().string();
    const auto underscore = name.find('_');
    if (!entry.is_directory() || name.starts_with('.') || underscore == std::string::npos) {
      continue;
    }
    std::string version = name.substr(0, underscore);
    version.erase(std::remove(version.begin(), version.end(), '-'), version.end());
    std::error_code error;
    if (!fs::is_regular_file(entry.path() / "up.sql", error)) {
      problems.push_back({file_location(entry.path()), "migration folder without up.sql",
                          "Diesel needs an up.sql in every migration folder"});
      continue;
    }
    migrations.push_back({version, name, entry.path() / "up.sql"});
  }
  if (!problems.empty()) {
    throw core::ConfigError(std::move(problems));
  }
  // Diesel orders its versions as text.
  std::stable_sort(migrations.begin(), migrations.end(),
                   [](const auto& a, const auto& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < migrations.size(); ++i) {
    if (migrations[i - 1].version == migrations[i].version) {
      problems.push_back(
          {file_location(migrations[i].file.parent_path()),
           "version " + migrations[i].version + " is also used by " + migrations[i - 1].name,
           "Diesel refuses two migrations with the same version"});
    }
  }
  if (!problems.empty()) {
    throw core::ConfigError(std::move(problems));
  }
  return migrations;
}

StampPlan diesel_stamp_plan(const StampRequest& request, const StampTable& table,
                            const QuoteIdent& quote_ident) {
  std::vector<DieselMigration> all;
  if (!request.migrations_dir.empty()) {
    all = read_diesel_migrations(request.migrations_dir);
  }
  // A version may be written as in the folder's name (2024-01-02-150405) or as Diesel records it.
  std::string version = request.version;
  if (version.find('_') == std::string::npos) {
    version.erase(std::remove(version.begin(), version.end(), '-'), version.end());
  }
  const auto migrations =
      migrations_up_to(all, version, request.origin, "diesel", request.migrations_dir);
  StampPlan plan = begin_plan(StampTool::diesel, table, quote_ident);
  const auto q = [&](std::string_view name) { return quote_ident(name); };
  plan.create_statements.push_back(
      fmt::format("CREATE TABLE IF NOT EXISTS {} ({} varchar(50) PRIMARY KEY NOT NULL, {} "
                  "timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP)",
                  plan.qualified_table, q("version"), q("run_on")));
  plan.insert_statement =
      fmt::format("INSERT INTO {} ({}) VALUES ($1)", plan.qualified_table, q("version"));
  for (const auto& migration : migrations) {
    plan.rows.push_back({migration.version});
  }
  plan.volatile_columns = {"run_on"};
  plan.key_columns = {"version"};
  plan.summary =
      history_summary("diesel", plan.qualified_table, migrations.size(), migrations.back().name);
  return plan;
}

} // namespace pgsplit::stamp
