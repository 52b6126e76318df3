#include <pgsplit/stamp/stamp_rows.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace pgsplit::stamp {
namespace {

std::string qualify(const StampTable& table, const QuoteIdent& quote_ident) {
  if (table.schema.empty()) {
    return quote_ident(table.name);
  }
  return fmt::format("{}.{}", quote_ident(table.schema), quote_ident(table.name));
}

} // namespace

StampPlan begin_plan(StampTool tool, const StampTable& table, const QuoteIdent& quote_ident) {
  StampPlan plan;
  plan.tool = tool;
  plan.qualified_table = qualify(table, quote_ident);
  plan.clear_statement = fmt::format("DELETE FROM {}", plan.qualified_table);
  return plan;
}

std::string quoted_list(const std::vector<std::string_view>& names, const QuoteIdent& quote_ident) {
  std::vector<std::string> quoted;
  for (auto name : names) {
    quoted.push_back(quote_ident(name));
  }
  return fmt::format("{}", fmt::join(quoted, ", "));
}

StampPlan alembic_stamp_plan(const StampTable& table, const std::vector<std::string>& revisions,
                             const QuoteIdent& quote_ident) {
  StampPlan plan = begin_plan(StampTool::alembic, table, quote_ident);
  const std::string column = quote_ident("version_num");
  plan.create_statements.push_back(fmt::format(
      "CREATE TABLE IF NOT EXISTS {} ({} varchar(32) NOT NULL, CONSTRAINT {} PRIMARY KEY ({}))",
      plan.qualified_table, column, quote_ident(table.name + "_pkc"), column));
  plan.insert_statement =
      fmt::format("INSERT INTO {} ({}) VALUES ($1)", plan.qualified_table, column);
  for (const auto& revision : revisions) {
    plan.rows.push_back({revision});
  }
  plan.summary = fmt::format("alembic: {} at revision{} {}", plan.qualified_table,
                             revisions.size() == 1 ? "" : "s", fmt::join(revisions, ", "));
  return plan;
}

StampPlan flyway_stamp_plan(const StampTable& table, const FlywayMigration& baseline,
                            const std::optional<std::string>& installed_by,
                            const QuoteIdent& quote_ident) {
  StampPlan plan = begin_plan(StampTool::flyway, table, quote_ident);
  const auto q = [&](std::string_view name) { return quote_ident(name); };
  plan.create_statements.push_back(fmt::format(
      "CREATE TABLE IF NOT EXISTS {} ({} integer NOT NULL, {} varchar(50), {} varchar(200) NOT "
      "NULL, {} varchar(20) NOT NULL, {} varchar(1000) NOT NULL, {} integer, {} varchar(100) NOT "
      "NULL, {} timestamp NOT NULL DEFAULT now(), {} integer NOT NULL, {} boolean NOT NULL, "
      "CONSTRAINT {} PRIMARY KEY ({}))",
      plan.qualified_table, q("installed_rank"), q("version"), q("description"), q("type"),
      q("script"), q("checksum"), q("installed_by"), q("installed_on"), q("execution_time"),
      q("success"), q(table.name + "_pk"), q("installed_rank")));
  plan.create_statements.push_back(fmt::format("CREATE INDEX IF NOT EXISTS {} ON {} ({})",
                                               q(table.name + "_s_idx"), plan.qualified_table,
                                               q("success")));
  std::vector<std::string_view> columns(flyway_baseline_columns.begin(),
                                        flyway_baseline_columns.end());
  columns.push_back("installed_on");
  // $7 is installed_by: NULL means "whoever runs the stamp", as Flyway records by default.
  plan.insert_statement =
      fmt::format("INSERT INTO {} ({}) VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7::varchar, "
                  "current_user::varchar), $8, $9, now())",
                  plan.qualified_table, quoted_list(columns, quote_ident));
  plan.rows.push_back(flyway_baseline_row(baseline.version, installed_by));
  plan.volatile_columns = {"installed_on"};
  plan.summary =
      fmt::format("flyway: {} baseline at version {}{}", plan.qualified_table, baseline.version,
                  baseline.description.empty() ? "" : " (" + baseline.description + ")");
  return plan;
}

StampPlan golang_migrate_stamp_plan(const StampTable& table, std::uint64_t version,
                                    const QuoteIdent& quote_ident) {
  StampPlan plan = begin_plan(StampTool::golang_migrate, table, quote_ident);
  plan.create_statements.push_back(
      fmt::format("CREATE TABLE IF NOT EXISTS {} ({} bigint NOT NULL PRIMARY KEY, {} boolean NOT "
                  "NULL)",
                  plan.qualified_table, quote_ident("version"), quote_ident("dirty")));
  plan.insert_statement = fmt::format("INSERT INTO {} ({}) VALUES ($1, $2)", plan.qualified_table,
                                      quoted_list({"version", "dirty"}, quote_ident));
  plan.rows.push_back({std::to_string(version), "false"});
  plan.summary = fmt::format("golang-migrate: {} at version {}", plan.qualified_table, version);
  return plan;
}

StampPlan prisma_stamp_plan(const StampTable& table, const std::vector<PrismaMigration>& migrations,
                            const QuoteIdent& quote_ident,
                            const std::function<std::string()>& make_id) {
  StampPlan plan = begin_plan(StampTool::prisma, table, quote_ident);
  const auto q = [&](std::string_view name) { return quote_ident(name); };
  plan.create_statements.push_back(fmt::format(
      "CREATE TABLE IF NOT EXISTS {} ({} varchar(36) PRIMARY KEY NOT NULL, {} varchar(64) NOT "
      "NULL, {} timestamptz, {} varchar(255) NOT NULL, {} text, {} timestamptz, {} timestamptz NOT "
      "NULL DEFAULT now(), {} integer NOT NULL DEFAULT 0)",
      plan.qualified_table, q("id"), q("checksum"), q("finished_at"), q("migration_name"),
      q("logs"), q("rolled_back_at"), q("started_at"), q("applied_steps_count")));
  // Prisma reads its history ordered by started_at: rows written in one transaction share
  // now(), so each gets now() plus its position in microseconds to keep the folder order.
  plan.insert_statement = fmt::format(
      "INSERT INTO {} ({}) VALUES ($1, $2, $3, now() + $4::integer * interval '1 microsecond', "
      "now() + $4::integer * interval '1 microsecond')",
      plan.qualified_table,
      quoted_list({"id", "checksum", "migration_name", "started_at", "finished_at"}, quote_ident));
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    plan.rows.push_back({make_id(), migrations[i].checksum, migrations[i].name, std::to_string(i)});
  }
  plan.summary = fmt::format("prisma: {} with {} migration{}{}", plan.qualified_table,
                             migrations.size(), migrations.size() == 1 ? "" : "s",
                             migrations.empty() ? "" : ", up to " + migrations.back().name);
  return plan;
}

} // namespace pgsplit::stamp
