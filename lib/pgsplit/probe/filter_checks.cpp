#include <pgsplit/plan/row_filter.hpp>
#include <pgsplit/probe/filter_checks.hpp>
#include <pgsplit/probe/savepoint.hpp>

#include <fmt/format.h>

namespace pgsplit::probe {
namespace {

// EXPLAIN parses, resolves and plans the filter without running it. It cannot see what the
// filter does at run time (nextval(), a function that writes on some rows only), so the filter
// is then evaluated on every row, as the copy will: the read-only transaction refuses any
// write, here, before anything is written anywhere, and the savepoint discards whatever else
// it did. This reads the whole table once, the price of knowing at plan time that the copy
// will not fail on it. Foreign tables are only planned: evaluating would query the remote
// server.
std::string check_filter(pg::Connection& source, const plan::PlacedTable& placed,
                         const catalog::Catalog& catalog) {
  const auto table = source.quote_qualified(placed.source_name.schema, placed.source_name.name);
  const auto filter = plan::filter_expression(*placed.where);
  auto planned =
      attempt(source, fmt::format("EXPLAIN SELECT 1 FROM ONLY {} WHERE {}", table, filter));
  if (!planned.ok()) {
    return planned.error;
  }
  const auto* source_table = catalog.find_table(placed.table);
  if (source_table && source_table->kind == catalog::TableKind::foreign_table) {
    return {};
  }
  return attempt(source,
                 fmt::format("SELECT count(*) AS selected FROM ONLY {} WHERE {}", table, filter))
      .error;
}

} // namespace

std::vector<plan::FilterCheck> check_filters(pg::Connection& source, const plan::Plan& plan,
                                             const catalog::Catalog& catalog) {
  std::vector<plan::FilterCheck> checks;
  for (const auto& target : plan.targets) {
    for (const auto& placed : target.tables) {
      if (placed.where) {
        checks.push_back({placed.table, target.name, check_filter(source, placed, catalog)});
      }
    }
  }
  return checks;
}

} // namespace pgsplit::probe
