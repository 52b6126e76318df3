#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/plan.hpp>

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// One table's data going from the source to its target: a leaf table (partitions are copied one
// by one) read with `COPY (SELECT cols FROM ONLY t [WHERE …]) TO STDOUT`, written with
// `COPY t (cols) FROM STDIN (FREEZE)` right after `TRUNCATE ONLY t` in the same transaction.
namespace pgsplit::copy {

enum class CopyFormat { text, binary };

// One of the concurrent parts of a split table (table_parts.hpp).
struct CopyPart {
  int index = 0; // 0-based
  int count = 1;
  std::string condition; // the range, e.g. "id >= 1000 AND id < 2000"
};

struct TableCopy {
  std::string target;     // target name
  catalog::Oid table = 0; // the source table
  catalog::QualifiedName source_name;
  catalog::QualifiedName target_name;
  std::vector<std::string> columns; // copied columns in source order (generated left out)
  // A reshaped table (plan::project_columns): the SQL read on the source for each of
  // `columns`, which then are the target's names. Empty: the columns themselves.
  std::vector<std::string> expressions;
  std::optional<std::string> where;
  CopyFormat format = CopyFormat::text;
  std::string fingerprint; // what was copied: tables, columns, filter, format
  std::int64_t estimated_bytes = 0;
  std::vector<std::string> parts; // range conditions when the table is copied in parts
  std::string split_by;           // "primary key id" | "pages (ctid)"
  std::optional<CopyPart> part;   // set on the copy of one part

  std::string label() const; // "auth: public.users", "auth: public.big (part 2/4)"
  // The copy of part `index` of this table.
  TableCopy part_copy(int index) const;
};

// The copies a target needs: every placed table that holds rows itself (not partitioned
// parents). Binary format only when every column has a built-in type or an enum: binary arrays
// and composites carry type OIDs, which differ between databases. With `existing_schema`, a table
// whose target columns differ in type (PlacedTable::target_types_match unset) is copied in text,
// so that the target's input functions convert the values.
std::vector<TableCopy> table_copies(const catalog::Catalog& catalog, const plan::TargetPlan& target,
                                    bool existing_schema);

std::string copy_out_statement(const TableCopy& copy);
std::string copy_in_statement(const TableCopy& copy);

struct CopyResult {
  std::int64_t rows = 0; // stored by the target
  std::int64_t bytes = 0;
  std::int64_t source_rows = 0; // sent by the source's COPY, in the snapshot (apply's verify)
};

// Live counters of a running copy, read by the progress display from another thread.
struct CopyCounters {
  std::atomic<std::int64_t> bytes{0};
  std::atomic<std::int64_t> rows{0};
};

// Streams the table inside `target`'s open transaction: TRUNCATE ONLY, COPY … FREEZE, pumping
// the source's buffers unparsed. `source` must be inside the shared snapshot. A part neither
// truncates (its siblings write to the same table concurrently) nor freezes (FREEZE needs the
// table truncated in the same transaction).
CopyResult copy_table(pg::Connection& source, pg::Connection& target, const TableCopy& copy,
                      CopyCounters& counters);

} // namespace pgsplit::copy
