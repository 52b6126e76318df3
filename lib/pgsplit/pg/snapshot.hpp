#pragma once

#include <pgsplit/pg/connection.hpp>

#include <string>
#include <string_view>

// Sessions that read one consistent state of a database, shared between several connections:
// the planning session exports its snapshot, and every copy and verify worker imports it. One
// opener for all of them, so that each gets the same settings.
namespace pgsplit::pg {

// Opens a transaction that reads one state of the database and writes nothing.
inline constexpr std::string_view consistent_read =
    "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

// A statement_timeout that comes from the role, the database or the server's configuration is
// meant for application queries and would cut a long COPY or checksum: it is turned off. One
// the operator gave with the connection (`options=-c statement_timeout=…` in the URL,
// PGOPTIONS) is kept: they asked for it. Sessions holding a snapshot sit idle in their
// transaction between jobs, so idle_in_transaction_session_timeout is turned off. lock_timeout
// is left as it is.
void turn_off_inherited_timeouts(Connection& connection);

// pg_export_snapshot() of the caller's open consistent_read transaction.
std::string export_snapshot(Connection& connection);

// A read-only session (UTF8, timeouts as above) inside `snapshot`: consistent_read, then
// SET TRANSACTION SNAPSHOT.
Connection open_in_snapshot(const std::string& url, const std::string& snapshot,
                            const std::string& application_name);

} // namespace pgsplit::pg
