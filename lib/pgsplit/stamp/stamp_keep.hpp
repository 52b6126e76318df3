#pragma once

#include <pgsplit/stamp/stamp_plan.hpp>

#include <string>
#include <vector>

// What a stamp keeps of the rows a version table already holds, so that stamping twice changes
// nothing (docs/stamping.md, "Idempotence"):
//   alembic, flyway, golang-migrate: the table is rewritten inside a savepoint; when its contents
//     read back equal those read before (flyway's installed_on set aside), the savepoint is
//     rolled back, so the old rows stay exactly as they were, timestamps included.
//   prisma: rows recording a planned migration with the planned checksum (finished, not rolled
//     back) are kept; every other row is deleted; only the migrations left are inserted.
// Column names here are fixed plain words, quoted by pg::quote_ident; the table name is the
// plan's, quoted by the caller's function.
namespace pgsplit::stamp {

// One statement and its text parameters ($1, $2…).
struct StampStatement {
  std::string sql;
  std::vector<StampValue> params;
};

// Where prisma_stamp_plan puts each value of a row: (id, checksum, migration_name, position).
inline constexpr std::size_t prisma_row_checksum = 1;
inline constexpr std::size_t prisma_row_migration_name = 2;

// One line of text per row, sorted, leaving out the columns a stamp fills with the time of
// writing: the before/after comparison of alembic, flyway and golang-migrate tables.
std::string table_contents_query(const StampPlan& plan);

// prisma: deletes every row that is not a finished, not rolled back record of one of the plan's
// migrations with its checksum (all rows when the plan has none).
StampStatement prisma_delete_unmatched(const StampPlan& plan);

// prisma: of several rows left for one migration, keeps the earliest.
std::string prisma_delete_duplicates(const StampPlan& plan);

// prisma: the migration_name of every row left.
std::string prisma_recorded_names(const StampPlan& plan);

} // namespace pgsplit::stamp
