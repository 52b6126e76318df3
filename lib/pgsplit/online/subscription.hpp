#pragma once

#include <pgsplit/pg/connection.hpp>

#include <string>

// The target side of a stream: a native subscription on the slot pgsplit created, starting
// where the copy's snapshot ended (copy_data = false).
namespace pgsplit::online {

// CREATE SUBSCRIPTION `name` on the publication and slot of the same name. `source_conninfo` is
// how the target server reaches the source; PostgreSQL stores it in pg_subscription. It never
// appears in a statement's text (so neither in pgsplit's errors nor in the server's statement
// log): it travels as a parameter.
void create_subscription(pg::Connection& target, const std::string& name,
                         const std::string& source_conninfo);

// Drops the subscription `name` of the target's database, if there is one, without touching
// the source (the slot is dropped there by its own step, even when the target cannot reach the
// source any more). Returns whether there was one.
bool drop_subscription(pg::Connection& target, const std::string& name);

} // namespace pgsplit::online
