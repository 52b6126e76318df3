#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/facts.hpp>
#include <pgsplit/plan/plan.hpp>

#include <vector>

namespace pgsplit::probe {

struct CoverageResult {
  std::vector<plan::FilterCoverage> coverage;
  // Filters that EXPLAIN accepted but that failed while counting (a runtime error on some
  // row): the source's message, for the placement that caused it.
  std::vector<plan::FilterCheck> failures;
};

// For every source table split over several targets by filters only (every placement has a
// `where`): how many rows no filter selects and how many several do, one query per table.
// Tables with a filter refused in `checks` are skipped: counting would only repeat the error.
CoverageResult measure_coverage(pg::Connection& source, const plan::Plan& plan,
                                const catalog::Catalog& catalog,
                                const std::vector<plan::FilterCheck>& checks);

} // namespace pgsplit::probe
