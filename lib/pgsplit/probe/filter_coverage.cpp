#include <pgsplit/plan/row_filter.hpp>
#include <pgsplit/probe/filter_coverage.hpp>
#include <pgsplit/probe/savepoint.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <string>

namespace pgsplit::probe {
namespace {

struct Claim {
  std::string target;
  std::string where;
};

// One source table and the filters of all its placements.
struct Split {
  const plan::PlacedTable* placed = nullptr;
  std::vector<Claim> claims;
  bool filtered_everywhere = true;
};

std::vector<Split> collect_splits(const plan::Plan& plan) {
  std::vector<Split> splits;
  std::map<catalog::Oid, std::size_t> index; // a plan may place thousands of tables
  for (const auto& target : plan.targets) {
    for (const auto& placed : target.tables) {
      const auto [found, added] = index.try_emplace(placed.table, splits.size());
      if (added) {
        splits.push_back(Split{.placed = &placed});
      }
      auto split = splits.begin() + static_cast<std::ptrdiff_t>(found->second);
      if (placed.where) {
        split->claims.push_back({target.name, *placed.where});
      } else {
        split->filtered_everywhere = false;
      }
    }
  }
  return splits;
}

bool is_refused(const Split& split, const std::vector<plan::FilterCheck>& checks) {
  return std::any_of(checks.begin(), checks.end(), [&](const plan::FilterCheck& check) {
    return check.table == split.placed->table && !check.error.empty();
  });
}

// A partitioned table holds no rows itself (its partitions are placed and counted); a
// foreign table's rows are on another server, which a preflight does not query.
bool holds_local_rows(const catalog::Catalog& catalog, catalog::Oid oid) {
  const auto* table = catalog.find_table(oid);
  return !table || table->kind == catalog::TableKind::table;
}

// Rows no filter selects, and rows whose filters add up to more than one claim.
std::string coverage_query(const std::string& table, const std::vector<Claim>& claims) {
  std::vector<std::string> claimed;
  std::vector<std::string> counted;
  for (const auto& claim : claims) {
    claimed.push_back(fmt::format("coalesce({}, false)", plan::filter_expression(claim.where)));
    counted.push_back(fmt::format("({})::int", claimed.back()));
  }
  return fmt::format("SELECT count(*) FILTER (WHERE NOT ({})) AS unclaimed,\n"
                     "       count(*) FILTER (WHERE {} > 1) AS multiply_claimed\n"
                     "FROM ONLY {}",
                     fmt::join(claimed, " OR "), fmt::join(counted, " + "), table);
}

// The combined count failed: find which filters fail on their own, so the error is reported
// against them and not against their innocent siblings. Costs a scan per filter, on this
// rare path only.
std::vector<plan::FilterCheck> blame(pg::Connection& source, const std::string& table,
                                     const Split& split, const std::string& error) {
  std::vector<plan::FilterCheck> failures;
  for (const auto& claim : split.claims) {
    auto counted = attempt(source, fmt::format("SELECT count(*) FROM ONLY {} WHERE {}", table,
                                               plan::filter_expression(claim.where)));
    if (!counted.ok()) {
      failures.push_back({split.placed->table, claim.target, counted.error});
    }
  }
  if (failures.empty()) {
    for (const auto& claim : split.claims) {
      failures.push_back({split.placed->table, claim.target, error});
    }
  }
  return failures;
}

} // namespace

CoverageResult measure_coverage(pg::Connection& source, const plan::Plan& plan,
                                const catalog::Catalog& catalog,
                                const std::vector<plan::FilterCheck>& checks) {
  CoverageResult result;
  for (const auto& split : collect_splits(plan)) {
    if (!split.filtered_everywhere || split.claims.size() < 2 ||
        !holds_local_rows(catalog, split.placed->table) || is_refused(split, checks)) {
      continue;
    }
    const auto& name = split.placed->source_name;
    const auto quoted = source.quote_qualified(name.schema, name.name);
    auto counted = attempt(source, coverage_query(quoted, split.claims));
    if (!counted.ok()) {
      auto failures = blame(source, quoted, split, counted.error);
      result.failures.insert(result.failures.end(), failures.begin(), failures.end());
      continue;
    }
    result.coverage.push_back({split.placed->table, counted.result->int64(0, "unclaimed"),
                               counted.result->int64(0, "multiply_claimed")});
  }
  return result;
}

} // namespace pgsplit::probe
