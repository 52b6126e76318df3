#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/plan.hpp>
#include <pgsplit/verify/report.hpp>

#include <vector>

// Schema parity: each target table has the source table's columns (name and type), constraints
// (name and kind) and indexes (name), less the cross-target foreign keys the plan dropped.
namespace pgsplit::verify {

struct SchemaComparison {
  std::size_t tables = 0; // target tables compared
  std::vector<Finding> findings;
};

// Compares the tables `target` places with their counterparts in `target_catalog` (read from
// the target database). One finding per difference: a missing table, a table of another kind,
// a column missing, extra or of another type, a constraint or index missing or extra. Indexes
// attached to a partitioned index are not compared by name (PostgreSQL names them itself);
// their parent is. Foreign tables are skipped (pgsplit does not create them). Pure.
SchemaComparison compare_schema(const catalog::Catalog& source, const plan::TargetPlan& target,
                                const catalog::Catalog& target_catalog);

// Reads the target's catalog (every user schema) in a read-only repeatable-read transaction
// of its own on `target`.
catalog::Catalog load_target_catalog(pg::Connection& target);

} // namespace pgsplit::verify
