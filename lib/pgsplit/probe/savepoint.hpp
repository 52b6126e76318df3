#pragma once

#include <pgsplit/pg/connection.hpp>

#include <optional>
#include <string>
#include <string_view>

// Statements that may fail because of what the user wrote (a row filter), run inside the
// caller's transaction on the source without losing it when they do.
namespace pgsplit::probe {

struct Attempt {
  std::optional<pg::Result> result; // set when the statement succeeded
  std::string error;                // the server's message otherwise
  bool ok() const { return result.has_value(); }
};

// Runs one statement between SAVEPOINT and RELEASE (ROLLBACK TO on failure), always through
// the extended protocol: text holding several statements is refused, never run. A lost
// connection or a cancelled statement is not the statement's fault and is rethrown.
Attempt attempt(pg::Connection& connection, std::string_view sql);

} // namespace pgsplit::probe
