#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/pg/connection.hpp>

#include <string_view>
#include <vector>

// Under `options.schema: existing` the target's tables come with what the service's migrations
// gave them: foreign keys between them (TRUNCATE ONLY of a referenced table fails, and a child
// copied before its parent violates its key) and user triggers (which would fire for every
// copied row). For the copy, they are lifted and restored afterwards, the way pg_restore
// --disable-triggers and --resume's key handling do:
//
// - every foreign key whose table or referenced table is a copied table (or a partition
//   ancestor of one) is dropped, its definition (pg_get_constraintdef) kept in
//   _pgsplit.lifted_keys;
// - every enabled user trigger of those tables is disabled, its state kept in
//   _pgsplit.disabled_triggers.
//
// Both are written in the caller's transaction, so that a crash or a failed run leaves the
// definitions in the target until a later run (`apply --resume`) restores them.
namespace pgsplit::copy {

// The clause that puts a trigger back in its mode, from pg_trigger.tgenabled: O fires in origin
// and local mode (plain ENABLE), A always (ENABLE ALWAYS), R only in replica mode (ENABLE
// REPLICA).
std::string_view trigger_enable_clause(std::string_view enabled);

// Creates the two state tables when missing (inside the caller's transaction).
void create_lifted_state_tables(pg::Connection& target);

// Drops the keys and disables the triggers described above; what an earlier run lifted stays
// recorded. `tables`: the copied tables, as named in the target.
void lift_target_constraints(pg::Connection& target,
                             const std::vector<catalog::QualifiedName>& tables);

// Adds every recorded key back (validated, as it was defined), enables every recorded trigger
// as it was (ENABLE, ENABLE ALWAYS or ENABLE REPLICA), and forgets them. Call it in a
// transaction, once every table's data is in.
void restore_target_constraints(pg::Connection& target);

} // namespace pgsplit::copy
