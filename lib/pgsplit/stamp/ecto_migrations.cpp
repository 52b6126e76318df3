#include <pgsplit/stamp/ecto_migrations.hpp>
#include <pgsplit/stamp/migration_files.hpp>
#include <pgsplit/stamp/stamp_rows.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pgsplit::stamp {
namespace fs = std::filesystem;

std::vector<NumberedMigration> read_ecto_migrations(const fs::path& dir) {
  return read_numbered_migrations(
      dir, [](const fs::path& file) { return file.extension() == ".exs"; }, "ecto",
      "schema_migrations.version");
}

StampPlan ecto_stamp_plan(const StampRequest& request, const StampTable& table,
                          const QuoteIdent& quote_ident) {
  std::vector<NumberedMigration> all;
  if (!request.migrations_dir.empty()) {
    all = read_ecto_migrations(request.migrations_dir);
  }
  const auto migrations =
      migrations_up_to(all, request.version, request.origin, "ecto", request.migrations_dir);
  StampPlan plan = begin_plan(StampTool::ecto, table, quote_ident);
  const auto q = [&](std::string_view name) { return quote_ident(name); };
  // Ecto SQL's table: version bigint, inserted_at :naive_datetime (timestamp(0)).
  plan.create_statements.push_back(
      fmt::format("CREATE TABLE IF NOT EXISTS {} ({} bigint PRIMARY KEY, {} timestamp(0))",
                  plan.qualified_table, q("version"), q("inserted_at")));
  plan.insert_statement =
      fmt::format("INSERT INTO {} ({}, {}) VALUES ($1, (now() AT TIME ZONE 'UTC')::timestamp(0))",
                  plan.qualified_table, q("version"), q("inserted_at"));
  for (const auto& migration : migrations) {
    plan.rows.push_back({migration.version});
  }
  plan.volatile_columns = {"inserted_at"};
  plan.key_columns = {"version"};
  plan.summary =
      history_summary("ecto", plan.qualified_table, migrations.size(), migrations.back().name);
  return plan;
}

} // namespace pgsplit::stamp
