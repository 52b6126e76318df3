#pragma once

#include <pgsplit/pg/connection.hpp>

#include <optional>
#include <string>
#include <string_view>

// The server behind a connection string whose own database cannot be reached (missing, or not
// yet created): a session in one of its maintenance databases.
namespace pgsplit::pg {

// A session on the server of `conninfo`, as the same user with the same settings, in the
// database `postgres`, else `template1`; nullopt when neither lets us in.
std::optional<Connection> open_maintenance(const std::string& conninfo,
                                           const ConnectOptions& options);

// Whether the database `conninfo` names exists on its server, read from pg_database through a
// maintenance session. A failed connection gives no SQLSTATE through libpq, only text in the
// server's lc_messages language: this is how a missing database is told apart from any other
// failure whatever that language. nullopt when it cannot be told (no maintenance database
// reachable, or the string names no database).
std::optional<bool> database_exists(const std::string& conninfo, const ConnectOptions& options);

// The same question asked of an open maintenance session.
bool database_listed(Connection& maintenance, const std::string& name);

// After connecting to `conninfo` failed with `failure` (the error's text): a maintenance
// session on its server when its database does not exist; nullopt when it exists or that
// cannot be told. Only asked when the text names the database (in any language the server
// quotes the name; a refused or timed-out connection does not name it), so that an unreachable
// server is not tried twice more.
std::optional<Connection> maintenance_if_missing(const std::string& conninfo,
                                                 std::string_view failure,
                                                 const ConnectOptions& options);

} // namespace pgsplit::pg
