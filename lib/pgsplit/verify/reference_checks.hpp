#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/plan.hpp>
#include <pgsplit/verify/copy_lines.hpp>
#include <pgsplit/verify/report.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// References: the foreign keys the plan dropped because their two tables went to different
// targets. Nothing enforces them any more, so verify counts the child values whose parent row
// is missing, streaming both sides' distinct keys in one order and merging them in the client.
namespace pgsplit::verify {

using Key = std::vector<std::string>;

struct OrphanCount {
  std::int64_t child_keys = 0; // distinct non-null child keys
  std::int64_t orphans = 0;    // of them, without a parent
  std::vector<Key> examples;   // the first few orphans
};

// Merges two streams of distinct keys, each ascending by bytes (COLLATE "C", column by
// column), one key per line in COPY text format. Pure: any LineSource will do.
OrphanCount count_orphans(LineSource& children, LineSource& parents, std::size_t examples = 3);

// The statement streaming the distinct non-null keys of `columns` of a table, as text, sorted
// bytewise: COPY (SELECT DISTINCT c1::text COLLATE "C", … FROM [ONLY] t WHERE c1 IS NOT NULL
// AND … ORDER BY 1, …) TO STDOUT. `casts[i]`, when set, is the type column i is cast to first
// (the parent's type, so that both sides render equal values alike). `only`: leave out
// inheritance children (false for a partitioned table, whose rows are in its partitions).
std::string distinct_keys_copy(const std::string& quoted_table,
                               const std::vector<std::string>& quoted_columns,
                               const std::vector<std::optional<std::string>>& casts, bool only);

// Where each end of a dropped key lives, resolved from the plan.
struct ReferenceJob {
  const plan::CrossTargetForeignKey* key = nullptr;
  catalog::QualifiedName child_table;  // in the child's target
  catalog::QualifiedName parent_table; // in the parent's target
  std::vector<std::optional<std::string>> casts;
  bool child_partitioned = false;
  bool parent_partitioned = false;
  // The key's columns as the targets name them (a mapping's `columns:` may rename them).
  std::vector<std::string> child_columns;
  std::vector<std::string> parent_columns;
};

// One job per cross-target foreign key whose parent is copied somewhere; the others are
// not-checked findings appended to `findings`.
std::vector<ReferenceJob> plan_reference_checks(const plan::Plan& plan,
                                                const catalog::Catalog& catalog,
                                                std::vector<Finding>& findings);

// Streams both key sets (child from `child_target`, parent from `parent_target`) and returns a
// mismatch finding when child values have no parent, nothing otherwise.
std::optional<Finding> check_reference(pg::Connection& child_target, pg::Connection& parent_target,
                                       const ReferenceJob& job);

} // namespace pgsplit::verify
