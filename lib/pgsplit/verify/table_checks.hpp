#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/plan.hpp>
#include <pgsplit/verify/report.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// Rows and checksums: each target table against the source rows it was filled from.
namespace pgsplit::verify {

// One target table to compare. Several claims of one source table in one target (distinct
// row filters) fill the same target table, so they are compared together.
struct TableJob {
  std::size_t target = 0; // index in VerifyReport::targets
  std::size_t table = 0;  // index in that target's tables
  const catalog::Table* source = nullptr;
  std::vector<std::optional<std::string>> filters; // one per claim; unset: every row
  std::int64_t size_bytes = 0;
  // A reshaped table: the source is read through the projection (same expressions as the
  // copy), the target by the projected names.
  const plan::PlacedTable* placed = nullptr;
};

// Fills report.targets (name, connection, one TableCheck per target table, in plan order) and
// returns the work, largest table first. Left out: partitioned tables (their rows are in their
// partitions, each compared on its own) and foreign tables (not created in targets: a
// not-checked finding each).
std::vector<TableJob> plan_table_checks(const plan::Plan& plan, const catalog::Catalog& catalog,
                                        VerifyReport& report);

// Counts (and hashes, with `checksums`) the job's rows in the source, FROM ONLY the table with
// its filters, and in the target table, into `check`. The source connection must be inside the
// verify snapshot; a failure there throws (its transaction is lost). A target table that does
// not exist or lacks a column is recorded in check.problem; other target failures throw.
// With `known_source_rows` (counts only), the source is not read: that number is its count.
void check_table(pg::Connection& source, pg::Connection& target, const TableJob& job,
                 bool checksums, TableCheck& check,
                 std::optional<std::int64_t> known_source_rows = std::nullopt);

} // namespace pgsplit::verify
