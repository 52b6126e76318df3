#include <pgsplit/stamp/dbmate_versions.hpp>
#include <pgsplit/stamp/migration_files.hpp>
#include <pgsplit/stamp/stamp_rows.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pgsplit::stamp {
namespace fs = std::filesystem;

std::vector<DbmateMigration> read_dbmate_migrations(const fs::path& dir) {
  std::vector<DbmateMigration> migrations;
  for (const auto& file : migration_files(dir)) {
    const std::string name = file.filename().string();
    const std::string version = leading_digits(name);
    if (!version.empty() && file.extension() == ".sql") { // dbmate's ^(\d+).*\.sql$
      migrations.push_back({version, name, file});
    }
  }
  // dbmate sorts by file name; versions of one length (timestamps) sort the same way.
  check_unique_versions(migrations, "dbmate");
  return migrations;
}

StampPlan dbmate_stamp_plan(const StampRequest& request, const StampTable& table,
                            const QuoteIdent& quote_ident) {
  std::vector<DbmateMigration> all;
  if (!request.migrations_dir.empty()) {
    all = read_dbmate_migrations(request.migrations_dir);
  }
  const auto migrations =
      migrations_up_to(all, request.version, request.origin, "dbmate", request.migrations_dir);
  StampPlan plan = begin_plan(StampTool::dbmate, table, quote_ident);
  const std::string version = quote_ident("version");
  plan.create_statements.push_back(
      fmt::format("CREATE TABLE IF NOT EXISTS {} ({} varchar(128) PRIMARY KEY)",
                  plan.qualified_table, version));
  plan.insert_statement =
      fmt::format("INSERT INTO {} ({}) VALUES ($1)", plan.qualified_table, version);
  for (const auto& migration : migrations) {
    plan.rows.push_back({migration.version});
  }
  plan.key_columns = {"version"};
  plan.summary =
      history_summary("dbmate", plan.qualified_table, migrations.size(), migrations.back().name);
  return plan;
}

} // namespace pgsplit::stamp
