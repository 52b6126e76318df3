#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/sqlstate.hpp>
#include <pgsplit/probe/savepoint.hpp>

namespace pgsplit::probe {

Attempt attempt(pg::Connection& connection, std::string_view sql) {
  connection.exec("SAVEPOINT pgsplit_probe");
  Attempt outcome;
  try {
    outcome.result.emplace(connection.exec(sql, {}));
  } catch (const core::SqlError& error) {
    if (pg::sqlstate::is_connection_lost(error.sqlstate()) ||
        error.sqlstate() == pg::sqlstate::query_canceled) {
      throw;
    }
    outcome.error = error.details().message;
    connection.exec("ROLLBACK TO SAVEPOINT pgsplit_probe");
  }
  connection.exec("RELEASE SAVEPOINT pgsplit_probe");
  return outcome;
}

} // namespace pgsplit::probe
