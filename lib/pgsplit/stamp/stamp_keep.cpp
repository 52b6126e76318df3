#include <pgsplit/pg/quote.hpp>
#include <pgsplit/stamp/stamp_keep.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace pgsplit::stamp {
namespace {

std::string q(std::string_view name) { return pg::quote_ident(name); }

} // namespace

std::string table_contents_query(const StampPlan& plan) {
  // e.g. flyway's installed_on is now() at the time of writing: a second stamp would always
  // differ.
  std::string volatile_columns;
  for (const auto& column : plan.volatile_columns) {
    volatile_columns += fmt::format(" - {}::text", pg::quote_literal(column));
  }
  return fmt::format("SELECT (to_jsonb(stamped){})::text FROM {} AS stamped ORDER BY 1",
                     volatile_columns, plan.qualified_table);
}

StampStatement prisma_delete_unmatched(const StampPlan& plan) {
  if (plan.rows.empty()) {
    return {plan.clear_statement, {}};
  }
  StampStatement statement;
  std::vector<std::string> pairs;
  for (const auto& row : plan.rows) {
    const auto first = statement.params.size() + 1;
    pairs.push_back(fmt::format("(${}::text, ${}::text)", first, first + 1));
    statement.params.push_back(row.at(prisma_row_migration_name));
    statement.params.push_back(row.at(prisma_row_checksum));
  }
  statement.sql = fmt::format("DELETE FROM {} WHERE {} IS NULL OR {} IS NOT NULL OR ({}, {}) NOT "
                              "IN ({})",
                              plan.qualified_table, q("finished_at"), q("rolled_back_at"),
                              q("migration_name"), q("checksum"), fmt::join(pairs, ", "));
  return statement;
}

std::string prisma_delete_duplicates(const StampPlan& plan) {
  return fmt::format("DELETE FROM {0} AS later USING {0} AS earlier WHERE later.{1} = earlier.{1} "
                     "AND (later.{2}, later.{3}) > (earlier.{2}, earlier.{3})",
                     plan.qualified_table, q("migration_name"), q("started_at"), q("id"));
}

std::string prisma_recorded_names(const StampPlan& plan) {
  return fmt::format("SELECT {} FROM {}", q("migration_name"), plan.qualified_table);
}

} // namespace pgsplit::stamp
