#pragma once

#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/plan.hpp>

// The write fence of cut-over: every moved source table rejects INSERT, UPDATE, DELETE and
// TRUNCATE with "table X moved to service Y by pgsplit", so that a writer nobody switched
// fails loudly instead of writing into the old database. Reads go on. `cleanup --fence`
// removes it (DROP SCHEMA _pgsplit_fence CASCADE).
namespace pgsplit::online {

// Creates the fence in the caller's transaction (the one holding the cut-over locks).
void install_fence(pg::Connection& source, const plan::Plan& plan);

} // namespace pgsplit::online
