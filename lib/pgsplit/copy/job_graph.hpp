#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/copy/progress.hpp>
#include <pgsplit/copy/scheduler.hpp>
#include <pgsplit/copy/state_table.hpp>
#include <pgsplit/copy/table_copy.hpp>
#include <pgsplit/plan/plan.hpp>
#include <pgsplit/schema/target_ddl.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

// The work of one apply, as a graph for the scheduler. Per target: pre-data (one transaction,
// with the state tables) → each table's data (largest first) → that table's indexes and
// constraints → ANALYZE of the table (unless options.analyze is off) → foreign keys once both
// ends are in → sequences → views. Under options.schema:
// existing, pre-data lifts the target's own foreign keys and triggers and a job restores them
// once all the data is in, before the sequences (target_constraints.hpp).
namespace pgsplit::copy {

// A sequence value read from the source, to set on a target.
struct SequenceValue {
  std::string target;
  std::string sql;  // setval(…) with quoted names
  std::string what; // "public.users_id_seq = 42"
};

struct TargetWork {
  const plan::TargetPlan* plan = nullptr;
  schema::TargetDdl ddl; // empty under options.schema: existing
  bool create_schema = true;
  TargetState state; // read before the run (resume)
  std::vector<TableCopy> copies;
  std::vector<SequenceValue> sequences;
};

struct GraphOptions {
  bool resume = false;
  // ANALYZE each leaf table once its data and indexes are in, so that a target's first
  // queries plan on statistics (autovacuum would come later). Partitioned parents are left
  // out (docs/apply.md says why); on resume, tables kept from the earlier run are analyzed
  // again (that run may have stopped before their ANALYZE; a sample is cheap).
  bool analyze = true;
};

// Builds the jobs; `progress` gets one entry per table copy (skipped ones marked as such).
std::vector<Job> build_job_graph(std::vector<TargetWork>& targets, const catalog::Catalog& catalog,
                                 const GraphOptions& options, Progress& progress);

} // namespace pgsplit::copy
