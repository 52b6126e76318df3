#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/core/count.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What `pgsplit verify` found: per target, per table, the rows on both sides and whether their
// contents hash the same; then every finding of the other checks. Pure data, rendered by
// render_text.hpp and render_json.hpp (keys documented in docs/verify.md).
namespace pgsplit::verify {

enum class ChecksumStatus { not_computed, match, mismatch };

// One table of one target: a placed source table (the rows its filters select, in the source
// snapshot) against the target table it became.
struct TableCheck {
  catalog::QualifiedName source_name;
  catalog::QualifiedName target_name;
  std::optional<std::string> where; // the filters of every claim, ORed; unset: every row
  std::optional<std::int64_t> source_rows;
  std::optional<std::int64_t> target_rows;
  ChecksumStatus checksum = ChecksumStatus::not_computed;
  std::string problem; // why the target table could not be read; empty when it was

  bool matches() const;
};

struct TargetReport {
  std::string name;
  std::string connection; // described without password
  std::vector<TableCheck> tables;
};

// The checks, in the order they run and are reported.
enum class CheckKind { rows, checksum, sequence, stamp, schema, reference };

// mismatch: a target differs from what it should hold (the verdict fails);
// not_checked: pgsplit cannot tell (e.g. a `sql:` stamp, a foreign key whose parent stays
// behind); the verdict does not depend on it.
enum class Outcome { mismatch, not_checked };

struct Finding {
  CheckKind check = CheckKind::rows;
  Outcome outcome = Outcome::mismatch;
  std::string target;
  std::string object;  // the table, sequence, version table or constraint, as written in SQL
  std::string message; // what differs, with the numbers
};

// How many objects each check looked at (whatever the outcome).
struct CheckCounts {
  std::size_t tables = 0;    // compared by rows (and checksums)
  std::size_t sequences = 0; // sequence uses: (sequence, column)
  std::size_t stamps = 0;    // stamp entries
  std::size_t schema_tables = 0;
  std::size_t references = 0; // cross-target foreign keys
};

struct VerifyReport {
  std::string source; // described without password
  bool checksums = false;
  bool references = false;
  std::vector<TargetReport> targets;
  std::vector<Finding> findings; // by check, then target, then object
  CheckCounts counted;

  std::size_t mismatches() const;
  bool ok() const { return mismatches() == 0; }
  std::size_t table_count() const;
  std::int64_t source_rows() const; // every table's source rows
};

// "rows", "checksum", "sequence", "stamp", "schema", "reference": the keys of docs/verify.md.
std::string_view to_string(CheckKind check);
std::string_view to_string(Outcome outcome);       // "mismatch", "not checked"
std::string_view to_string(ChecksumStatus status); // "not computed", "ok", "mismatch"

// A count with thousands separators, as every report prints it: "12,345".
using core::format_count;

// Appends one finding per table that does not match (rows, checksum or unreadable), so that
// `findings` lists every mismatch; tables keep their numbers for the per-target view.
void add_table_findings(VerifyReport& report);

// Orders the findings by check, target and object, so the output does not depend on which
// worker finished first.
void sort_findings(VerifyReport& report);

} // namespace pgsplit::verify
