#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/config/mapping.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/plan.hpp>
#include <pgsplit/verify/report.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <utility>

// `pgsplit verify`, and the final check of `apply`: proves, table by table, that every target
// holds what the source holds.
namespace pgsplit::verify {

struct VerifyOptions {
  bool checksums = false;  // hash every row's text in both servers (order-independent)
  bool references = false; // count child values of dropped cross-target keys without parent
  int jobs = 1;            // workers comparing tables (and references) at the same time
  bool stamps = true;      // check version tables (apply checks the data before it stamps)
  bool rows = true;        // count (and checksum) every table; off: only the other checks
  bool schema = true;      // compare each target's tables with the source's (schema parity)
  bool sequences = true;   // each target sequence against the source's
  // With `schema`: owners, privileges, row-level security and policies against what the split
  // carries (apply checks the data before it sets them).
  bool access = true;
  // Source rows already known in this snapshot, by (target, target table as "schema.name"):
  // what apply's COPY statements read, which spares reading the source again to count them.
  // Used for counts only (checksums read both sides), and for a table filled by one claim.
  std::map<std::pair<std::string, std::string>, std::int64_t> known_source_rows;
};

// Runs every check of docs/verify.md and returns what it found; never throws for a mismatch
// (see VerifyReport::ok()). `source_in_snapshot` must be inside BEGIN ISOLATION LEVEL
// REPEATABLE READ READ ONLY (the snapshot `catalog` was read in): every source count of the
// run sees that snapshot, on it or on the extra source sessions of `jobs` > 1. It gets verify's
// output settings (sessions.hpp) and stays in its transaction. Targets are read through
// read-only sessions of their own (mapping URLs), never written.
//
// Order: rows and checksums per table, then references (both on the workers); then per
// target: sequences, stamps, schema parity (with owners, privileges and policies).
//
// Throws core::SqlError when a statement fails for another reason than a target table's
// shape (a lost connection, a bad row filter), core::ConnectionError when a target cannot be
// reached, core::ConfigError when a stamp's migration folder cannot be read.
VerifyReport verify_split(pg::Connection& source_in_snapshot, const config::Mapping& mapping,
                          const catalog::Catalog& catalog, const plan::Plan& plan,
                          const VerifyOptions& options);

} // namespace pgsplit::verify
