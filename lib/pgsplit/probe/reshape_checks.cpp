#include <pgsplit/plan/projection.hpp>
#include <pgsplit/plan/row_filter.hpp>
#include <pgsplit/probe/reshape_checks.hpp>
#include <pgsplit/probe/savepoint.hpp>

#include <fmt/format.h>

namespace pgsplit::probe {
namespace {

// count(expression) evaluates the expression on each row (a NULL is not counted), and the
// cast in each expression checks that its value fits the target's type. EXPLAIN first finds
// what is wrong in the text without reading anything; foreign tables are only planned.
std::string check_table(pg::Connection& source, const plan::PlacedTable& placed,
                        const catalog::Table& table) {
  std::vector<std::string> counts;
  for (const auto& column : plan::project_columns(table, placed)) {
    if (column.converted) {
      counts.push_back(fmt::format("count({})", column.expression));
    }
  }
  if (counts.empty()) {
    return {};
  }
  const auto sql = fmt::format(
      "SELECT {} FROM ONLY {}{}", fmt::join(counts, ", "),
      source.quote_qualified(placed.source_name.schema, placed.source_name.name),
      placed.where ? " WHERE " + plan::filter_expression(*placed.where) : std::string());
  auto planned = attempt(source, "EXPLAIN " + sql);
  if (!planned.ok() || table.kind == catalog::TableKind::foreign_table) {
    return planned.error;
  }
  return attempt(source, sql).error;
}

} // namespace

std::vector<plan::FilterCheck> check_reshaping(pg::Connection& source, const plan::Plan& plan,
                                               const catalog::Catalog& catalog) {
  std::vector<plan::FilterCheck> checks;
  for (const auto& target : plan.targets) {
    for (const auto& placed : target.tables) {
      const auto* table = catalog.find_table(placed.table);
      if (placed.reshaped() && table != nullptr) {
        checks.push_back({placed.table, target.name, check_table(source, placed, *table)});
      }
    }
  }
  return checks;
}

} // namespace pgsplit::probe
