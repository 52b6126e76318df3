#pragma once

#include <pgsplit/config/mapping.hpp>
#include <pgsplit/core/diagnostic.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/stamp/stamp_plan.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// Writing a target's version tables: every entry of its `stamp:` list, in one transaction
// (docs/stamping.md).
namespace pgsplit::stamp {

// One entry of a target's `stamp:` list, ready to write.
struct PlannedStamp {
  std::optional<StampPlan> plan; // unset for a `sql:` entry
  std::string schema;            // the entry's schema, unquoted; empty: none named
  std::string create_schema;     // "CREATE SCHEMA IF NOT EXISTS …" when `schema` is set
  std::string sql;               // a `sql:` entry's statement, run as given
  std::string summary;           // the plan's summary, or "sql: <the statement, shortened>"
  core::Location origin;         // the entry in the mapping file
};

struct TargetStamps {
  std::string target;
  std::vector<PlannedStamp> entries; // in the order of the mapping file
};

// Reads the migration folders of every entry of `target` and plans each (stamp_request.hpp);
// no database. Throws core::ConfigError with every problem of the target, each naming it, two
// entries writing the same table included.
TargetStamps plan_target_stamps(const config::Target& target, const QuoteIdent& quote_ident);

// What one entry wrote.
struct StampWritten {
  std::string summary;
  std::int64_t rows_written = 0; // rows inserted (sql: the rows the statement reported)
  std::int64_t rows_kept = 0;    // rows that were already there and were left untouched
};

struct StampOutcome {
  std::string target;
  std::vector<StampWritten> entries; // in the order of the mapping file
};

// Writes `stamps` into `target` in one transaction: per entry, its schema (when missing), its
// table (when missing), then its rows, keeping what is already right (stamp_keep.hpp); a `sql:`
// entry runs as one statement. On any error everything is rolled back and the error rethrown;
// a server error is a core::SqlError naming the target and the statement. The connection must
// not be inside a transaction.
StampOutcome write_target_stamps(pg::Connection& target, const TargetStamps& stamps);

// plan_target_stamps with the connection's own quoting, then write_target_stamps.
StampOutcome stamp_target(pg::Connection& target, const config::Target& target_config);

} // namespace pgsplit::stamp
