#pragma once

#include <pgsplit/copy/table_copy.hpp>
#include <pgsplit/pg/connection.hpp>

#include <map>
#include <string>

// What a target already holds from earlier runs, kept in the target itself (schema _pgsplit),
// written in the same transaction as the work it records: a table is either copied and
// marked, or untouched. `apply --resume` skips what is marked with the same fingerprint.
namespace pgsplit::copy {

inline constexpr const char* state_schema = "_pgsplit";

struct TableState {
  std::string fingerprint;
  bool data_done = false;
  bool post_data_done = false;
  std::int64_t rows = 0;
};

struct TargetState {
  bool exists = false; // the _pgsplit schema is there: an earlier run touched this target
  bool pre_data_done = false;
  std::map<std::string, TableState> tables; // by state_key of the target table
};

// The key of a target table in the state: its quoted qualified name (unambiguous).
std::string state_key(const catalog::QualifiedName& table);

// Creates the state tables when missing (inside the caller's transaction).
void create_state_tables(pg::Connection& target);
TargetState read_state(pg::Connection& target);

void mark_pre_data_done(pg::Connection& target);
void mark_data_done(pg::Connection& target, const TableCopy& copy, const CopyResult& result);
void mark_post_data_done(pg::Connection& target, const catalog::QualifiedName& table);

// Every copied table is to be copied again by the next `apply --resume` (its data no longer
// matches any snapshot that run can read in); what was built after the data (indexes,
// constraints) stays recorded and is not built twice.
void forget_copies(pg::Connection& target);

// The parts of a split table commit one by one, each recording itself (_pgsplit.parts) in its
// own transaction; once all have, the table is marked done with their totals and the part
// records go. A table with parts but no mark is incomplete: the next run copies it again.
void create_part_table(pg::Connection& target);
void clear_parts(pg::Connection& target, const catalog::QualifiedName& table);
void record_part_done(pg::Connection& target, const TableCopy& part, const CopyResult& result);
struct PartsDone {
  int parts = 0;
  CopyResult totals;
};
PartsDone parts_done(pg::Connection& target, const catalog::QualifiedName& table);

} // namespace pgsplit::copy
