#pragma once

#include <pgsplit/config/mapping.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/stamp/stamp_plan.hpp>
#include <pgsplit/verify/report.hpp>

#include <optional>
#include <string>
#include <vector>

// Stamps: every version table a target's `stamp:` entries write holds exactly the rows the
// stamp writes (compared on the columns the migration tool reads).
namespace pgsplit::verify {

using StampKey = std::vector<std::optional<std::string>>;

// What is compared for one tool: the key columns as SQL expressions (text), an optional
// condition selecting the rows that matter, and the expected keys taken from the stamp plan.
//   alembic         version_num, every row
//   flyway          version of the BASELINE row (later migrations may follow it)
//   golang-migrate  (version, dirty), the single row
//   prisma          (migration_name, checksum), every row
//   part B tools    the plan's key_columns (e.g. knex (name, batch), sqlx (version,
//                   description, success), liquibase (id, author, filename)), every row
struct StampComparison {
  std::vector<std::string> columns; // quoted expressions, rendered as text
  std::string condition;            // empty: every row
  std::vector<StampKey> expected;   // sorted
};
StampComparison stamp_comparison(const stamp::StampPlan& plan, const stamp::QuoteIdent& quote);

// Checks every stamp entry of `target` (the mapping's) in `connection`: a missing table,
// missing or unexpected rows are mismatches; `sql:` entries are listed as not checked. The
// expected rows come from stamp::plan_stamp, which reads the migration folders (a problem there
// throws core::ConfigError).
void check_stamps(pg::Connection& connection, const config::Target& target, VerifyReport& report);

} // namespace pgsplit::verify
