#include <pgsplit/pg/quote.hpp>
#include <pgsplit/plan/projection.hpp>
#include <pgsplit/plan/row_filter.hpp>
#include <pgsplit/probe/reshape_checks.hpp>
#include <pgsplit/probe/savepoint.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace pgsplit::probe {
namespace {

// A converted column whose type has modifiers (varchar(8), numeric(10,3) …): the number of
// rows whose value the cast would cut or round, as a count(*) FILTER, named "c<i>".
std::vector<std::pair<std::string, std::string>>
changed_value_counts(const plan::PlacedTable& placed) {
  std::vector<std::pair<std::string, std::string>> counts; // column, SQL
  for (const auto& change : placed.column_changes) {
    if (!change.type || plan::without_type_modifiers(*change.type) == *change.type) {
      continue;
    }
    const auto value = change.expression ? plan::filter_expression(*change.expression)
                                         : pg::quote_ident(change.column);
    counts.emplace_back(change.rename.value_or(change.column),
                        fmt::format("count(*) FILTER (WHERE CAST(({0}) AS {1})::text IS DISTINCT "
                                    "FROM CAST(({0}) AS {2})::text) AS c{3}",
                                    value, plan::without_type_modifiers(*change.type), *change.type,
                                    counts.size()));
  }
  return counts;
}

// count(expression) evaluates the expression on each row (a NULL is not counted), and the
// cast in each expression checks that its value is valid for the target's type; an explicit
// cast cuts or rounds silently to the type's modifiers, so the rows it would change are
// counted too. EXPLAIN first finds what is wrong in the text without reading anything;
// foreign tables are only planned.
std::string check_table(pg::Connection& source, const plan::PlacedTable& placed,
                        const catalog::Table& table) {
  std::vector<std::string> counts;
  for (const auto& column : plan::project_columns(table, placed)) {
    if (column.converted) {
      counts.push_back(fmt::format("count({})", column.expression));
    }
  }
  const auto changed = changed_value_counts(placed);
  for (const auto& [column, sql] : changed) {
    counts.push_back(sql);
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
  auto counted = attempt(source, sql);
  if (!counted.ok()) {
    return counted.error;
  }
  std::vector<std::string> problems;
  for (std::size_t index = 0; index < changed.size(); ++index) {
    const auto rows = counted.result->int64(0, fmt::format("c{}", index));
    if (rows > 0) {
      problems.push_back(fmt::format("{} row{} of column {} would be cut or rounded by its type",
                                     rows, rows == 1 ? "" : "s", changed[index].first));
    }
  }
  return fmt::format("{}", fmt::join(problems, "; "));
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
