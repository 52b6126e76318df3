// The timeouts of the copy's sessions (docs/apply.md, "Timeouts"): defaults of the role or the
// database are turned off, a statement_timeout given with the connection is kept.
#include "support/sandbox.hpp"

#include <pgsplit/copy/worker.hpp>
#include <pgsplit/pg/conninfo.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;

namespace {

void alter_database(const TestDatabase& database, const std::string& setting_sql) {
  auto connection = database.connect();
  database.run("ALTER DATABASE " + connection.quote_ident(*pg::database_of(database.url())) +
               " SET " + setting_sql);
}

std::string setting(pg::Connection& connection, const std::string& name) {
  return connection.exec("SELECT current_setting($1) AS value", {name}).text(0, "value");
}

} // namespace

TEST_CASE("timeouts set on the database do not reach the copy's sessions", "[copy][timeouts]") {
  TestDatabase database("session_timeouts");
  alter_database(database, "statement_timeout = '2s'");
  alter_database(database, "idle_in_transaction_session_timeout = '2s'");
  auto connection = pg::Connection::open(database.url(), {});
  REQUIRE(setting(connection, "statement_timeout") == "2s"); // the default applies first
  copy::set_session_timeouts(connection);
  CHECK(setting(connection, "statement_timeout") == "0");
  CHECK(setting(connection, "idle_in_transaction_session_timeout") == "0");
}

TEST_CASE("a statement_timeout given with the connection is kept", "[copy][timeouts]") {
  TestDatabase database("session_timeouts_kept");
  alter_database(database, "statement_timeout = '2s'");
  auto connection = pg::Connection::open(
      database.url() + " options='-c statement_timeout=3s -c lock_timeout=1s'", {});
  copy::set_session_timeouts(connection);
  CHECK(setting(connection, "statement_timeout") == "3s");
  CHECK(setting(connection, "lock_timeout") == "1s");
  CHECK(setting(connection, "idle_in_transaction_session_timeout") == "0");
}
