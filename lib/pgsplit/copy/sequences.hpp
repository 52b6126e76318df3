#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/copy/job_graph.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/plan.hpp>

#include <vector>

namespace pgsplit::copy {

// Reads every sequence's value on the source (one query) and returns the setval statements
// each target needs: its standalone/serial sequences, and the identity sequences of its tables
// (found on the target with pg_get_serial_sequence, as the target named them). Sequences are
// not transactional: the values are those at the start of the copy, which is exact when the
// source is quiet during the migration (plan warns when it is not).
std::vector<SequenceValue> sequence_values(pg::Connection& source, const catalog::Catalog& catalog,
                                           const plan::TargetPlan& target);

} // namespace pgsplit::copy
