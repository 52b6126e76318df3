// The sessions that share a snapshot (copy and verify workers): defaults of the role or the
// database are turned off, a statement_timeout given with the connection is kept (docs/apply.md,
// "Timeouts"), and every session imported from one snapshot sees the same rows.
#include "support/sandbox.hpp"

#include <pgsplit/pg/conninfo.hpp>
#include <pgsplit/pg/snapshot.hpp>
#include <pgsplit/pg/transaction.hpp>

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

TEST_CASE("timeouts set on the database do not reach the copy's sessions", "[pg][timeouts]") {
  TestDatabase database("session_timeouts");
  alter_database(database, "statement_timeout = '2s'");
  alter_database(database, "idle_in_transaction_session_timeout = '2s'");
  auto connection = pg::Connection::open(database.url(), {});
  REQUIRE(setting(connection, "statement_timeout") == "2s"); // the default applies first
  pg::turn_off_inherited_timeouts(connection);
  CHECK(setting(connection, "statement_timeout") == "0");
  CHECK(setting(connection, "idle_in_transaction_session_timeout") == "0");
}

TEST_CASE("a statement_timeout given with the connection is kept", "[pg][timeouts]") {
  TestDatabase database("session_timeouts_kept");
  alter_database(database, "statement_timeout = '2s'");
  auto connection = pg::Connection::open(
      database.url() + " options='-c statement_timeout=3s -c lock_timeout=1s'", {});
  pg::turn_off_inherited_timeouts(connection);
  CHECK(setting(connection, "statement_timeout") == "3s");
  CHECK(setting(connection, "lock_timeout") == "1s");
  CHECK(setting(connection, "idle_in_transaction_session_timeout") == "0");
}

// verify opened its snapshot sessions without turning the role's statement_timeout off: a
// long checksum could be cut by a setting meant for the application.
TEST_CASE("a session opened in a snapshot has no inherited timeout", "[pg][timeouts]") {
  TestDatabase database("snapshot_timeouts");
  alter_database(database, "statement_timeout = '2s'");
  auto exporter = pg::Connection::open(database.url(), {});
  pg::Transaction transaction(exporter, pg::consistent_read);
  const auto snapshot = pg::export_snapshot(exporter);
  auto imported = pg::open_in_snapshot(database.url(), snapshot, "pgsplit test");
  CHECK(setting(imported, "statement_timeout") == "0");
  CHECK(setting(imported, "idle_in_transaction_session_timeout") == "0");
  CHECK(setting(imported, "transaction_read_only") == "on");
  CHECK(setting(imported, "client_encoding") == "UTF8");
}

TEST_CASE("sessions opened in one snapshot see the rows of that moment", "[pg][snapshot]") {
  TestDatabase database("snapshot_shared");
  database.run("CREATE TABLE t (n int); INSERT INTO t VALUES (1), (2)");
  auto exporter = pg::Connection::open(database.url(), {});
  pg::Transaction transaction(exporter, pg::consistent_read);
  const auto snapshot = pg::export_snapshot(exporter);
  database.run("INSERT INTO t VALUES (3)"); // after the snapshot: seen by no imported session
  auto first = pg::open_in_snapshot(database.url(), snapshot, "pgsplit test");
  auto second = pg::open_in_snapshot(database.url(), snapshot, "pgsplit test");
  CHECK(first.exec("SELECT count(*) AS n FROM t").int64(0, "n") == 2);
  CHECK(second.exec("SELECT count(*) AS n FROM t").int64(0, "n") == 2);
  transaction.commit();
}
