#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/sqlstate.hpp>
#include <pgsplit/plan/projection.hpp>
#include <pgsplit/verify/row_queries.hpp>
#include <pgsplit/verify/table_checks.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

namespace pgsplit::verify {
namespace {

std::vector<std::string> quoted_columns(pg::Connection& connection, const catalog::Table& table) {
  std::vector<std::string> columns;
  columns.reserve(table.columns.size());
  for (const auto& column : table.columns) {
    columns.push_back(connection.quote_ident(column.name));
  }
  return columns;
}

// The target table is not what the source's columns describe: missing, or a column is gone or
// has a type the digest cannot use (class 42: undefined objects, datatype mismatches).
bool is_shape_problem(const core::SqlError& error) {
  return pg::sqlstate::class_of(error.sqlstate()) == "42";
}

struct Counted {
  std::int64_t rows = 0;
  std::string checksum;
};

Counted count(pg::Connection& connection, const std::string& sql, bool checksums) {
  // Parameters force the extended protocol: a filter holding a second statement is refused.
  const auto result = connection.exec(sql, pg::Params{});
  return {result.int64(0, "row_count"), checksums ? result.text(0, "checksum") : std::string()};
}

// The source's side of a reshaped table: each target column's expression; the target's side:
// the projected names.
std::vector<std::string> projected(pg::Connection& connection, const TableJob& job,
                                   bool expressions) {
  std::vector<std::string> columns;
  for (const auto& column : plan::project_columns(*job.source, *job.placed)) {
    columns.push_back(expressions ? column.expression : connection.quote_ident(column.name));
  }
  return columns;
}

} // namespace

std::vector<TableJob> plan_table_checks(const plan::Plan& plan, const catalog::Catalog& catalog,
                                        VerifyReport& report) {
  std::vector<TableJob> jobs;
  for (const auto& target : plan.targets) {
    const std::size_t target_index = report.targets.size();
    report.targets.push_back({target.name, target.url_description, {}});
    auto& checks = report.targets.back().tables;
    std::map<std::pair<catalog::Oid, catalog::QualifiedName>, std::size_t> job_of;
    for (const auto& placed : target.tables) {
      const catalog::Table* table = catalog.find_table(placed.table);
      if (table == nullptr || table->kind == catalog::TableKind::partitioned_table) {
        continue;
      }
      if (table->kind == catalog::TableKind::foreign_table) {
        report.findings.push_back({CheckKind::rows, Outcome::not_checked, target.name,
                                   placed.source_name.to_string(),
                                   "foreign table: pgsplit does not create it in targets"});
        continue;
      }
      const auto key = std::make_pair(placed.table, placed.target_name);
      const auto known = job_of.find(key);
      if (known != job_of.end()) {
        jobs[known->second].filters.push_back(placed.where);
        continue;
      }
      job_of.emplace(key, jobs.size());
      jobs.push_back({target_index,
                      checks.size(),
                      table,
                      {placed.where},
                      placed.size_bytes,
                      placed.reshaped() ? &placed : nullptr});
      checks.push_back({placed.source_name, placed.target_name, std::nullopt, {}, {}, {}, {}});
    }
  }
  for (const auto& job : jobs) {
    report.targets[job.target].tables[job.table].where = shown_filter(job.filters);
  }
  std::stable_sort(jobs.begin(), jobs.end(), [](const TableJob& left, const TableJob& right) {
    return left.size_bytes > right.size_bytes;
  });
  report.counted.tables = jobs.size();
  return jobs;
}

void check_table(pg::Connection& source, pg::Connection& target, const TableJob& job,
                 bool checksums, TableCheck& check, std::optional<std::int64_t> known_source_rows) {
  const auto& table = *job.source;
  Counted from_source;
  if (known_source_rows && !checksums) {
    from_source.rows = *known_source_rows;
  } else {
    from_source = count(
        source,
        row_count_query(source.quote_qualified(table.name.schema, table.name.name),
                        job.placed ? projected(source, job, true) : quoted_columns(source, table),
                        combined_filter(job.filters), checksums),
        checksums);
  }
  check.source_rows = from_source.rows;
  Counted from_target;
  try {
    from_target = count(
        target,
        row_count_query(target.quote_qualified(check.target_name.schema, check.target_name.name),
                        job.placed ? projected(target, job, false) : quoted_columns(target, table),
                        std::nullopt, checksums),
        checksums);
  } catch (const core::SqlError& error) {
    if (!is_shape_problem(error)) {
      throw;
    }
    check.problem = error.details().message;
    return;
  }
  check.target_rows = from_target.rows;
  if (checksums) {
    check.checksum = from_source.checksum == from_target.checksum ? ChecksumStatus::match
                                                                  : ChecksumStatus::mismatch;
  }
}

} // namespace pgsplit::verify
