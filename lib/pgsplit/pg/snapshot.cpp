#include <pgsplit/pg/quote.hpp>
#include <pgsplit/pg/snapshot.hpp>

#include <fmt/format.h>

namespace pgsplit::pg {

void turn_off_inherited_timeouts(Connection& connection) {
  connection.exec("SELECT set_config('statement_timeout', '0', false) FROM pg_settings "
                  "WHERE name = 'statement_timeout' AND source <> 'client'");
  connection.exec("SET idle_in_transaction_session_timeout = 0");
}

std::string export_snapshot(Connection& connection) {
  return connection.exec("SELECT pg_export_snapshot() AS snapshot").text(0, "snapshot");
}

Connection open_in_snapshot(const std::string& url, const std::string& snapshot,
                            const std::string& application_name) {
  auto connection =
      Connection::open(url, {.application_name = application_name, .read_only = true});
  connection.exec("SET client_encoding = 'UTF8'");
  turn_off_inherited_timeouts(connection);
  connection.exec(consistent_read);
  // Must come before the transaction's first query.
  connection.exec(fmt::format("SET TRANSACTION SNAPSHOT {}", quote_literal(snapshot)));
  return connection;
}

} // namespace pgsplit::pg
