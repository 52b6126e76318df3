#pragma once

#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/plan.hpp>

#include <string>
#include <vector>

// The source side of a target's stream: one publication for exactly its tables, row filters as
// the mapping's `where`, partitioned tables published through their root (the target holds the
// same partitions, but a row's partition is the target's business).
namespace pgsplit::online {

// The tables a target's publication names: mapped roots (partitions and inheritance children
// are published through them).
std::vector<const plan::PlacedTable*> published_tables(const plan::TargetPlan& target);

// CREATE PUBLICATION … FOR TABLE … WITH (publish_via_partition_root = true).
std::string publication_sql(const plan::TargetPlan& target);

// REPLICA IDENTITY FULL on the tables whose entry asks for it (`replica_identity: full`) and
// that have no primary key nor identity index: the only change online mode makes to the
// source's tables, and only when the mapping opts in.
std::vector<std::string> replica_identity_statements(pg::Connection& source,
                                                     const plan::TargetPlan& target);

} // namespace pgsplit::online
