#include <pgsplit/probe/filter_checks.hpp>
#include <pgsplit/probe/filter_coverage.hpp>
#include <pgsplit/probe/filtered_references.hpp>
#include <pgsplit/probe/reshape_checks.hpp>
#include <pgsplit/probe/source_probe.hpp>

#include <algorithm>
#include <set>
#include <string>

namespace pgsplit::probe {
namespace {

// A role without pg_read_all_stats sees other roles' sessions with backend_type NULL; those
// with a user are client sessions (or their parallel workers, which counting only overstates).
constexpr const char* sessions_query = R"sql(
SELECT coalesce(application_name, '') AS application_name
FROM pg_catalog.pg_stat_activity
WHERE datname = pg_catalog.current_database()
  AND pid <> pg_catalog.pg_backend_pid()
  AND (backend_type = 'client backend' OR (backend_type IS NULL AND usesysid IS NOT NULL))
)sql";

void read_other_sessions(pg::Connection& source, plan::SourceFacts& facts) {
  const auto result = source.exec(sessions_query, {});
  facts.other_sessions = result.rows();
  std::set<std::string> names; // each application once, sorted; unnamed ones only counted
  for (int row = 0; row < result.rows(); ++row) {
    if (auto name = result.text(row, "application_name"); !name.empty()) {
      names.insert(std::move(name));
    }
  }
  facts.other_applications.assign(names.begin(), names.end());
}

// A filter that failed while counting replaces the "valid" verdict EXPLAIN gave it.
void record_failures(std::vector<plan::FilterCheck>& checks,
                     const std::vector<plan::FilterCheck>& failures) {
  for (const auto& failure : failures) {
    auto found = std::find_if(checks.begin(), checks.end(), [&](const plan::FilterCheck& check) {
      return check.table == failure.table && check.target == failure.target;
    });
    if (found != checks.end()) {
      found->error = failure.error;
    } else {
      checks.push_back(failure);
    }
  }
}

} // namespace

plan::SourceFacts probe_source(pg::Connection& source, const plan::Plan& plan,
                               const catalog::Catalog& catalog) {
  plan::SourceFacts facts;
  read_other_sessions(source, facts);
  facts.filter_checks = check_filters(source, plan, catalog);
  auto coverage = measure_coverage(source, plan, catalog, facts.filter_checks);
  facts.filter_coverage = std::move(coverage.coverage);
  record_failures(facts.filter_checks, coverage.failures);
  facts.filtered_references = count_filtered_references(source, plan, catalog, facts.filter_checks);
  facts.reshape_checks = check_reshaping(source, plan, catalog);
  return facts;
}

} // namespace pgsplit::probe
