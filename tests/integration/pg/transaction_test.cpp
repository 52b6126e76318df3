// pg::Transaction, the one way pgsplit opens a transaction: committed only when commit() is
// reached; rolled back otherwise, without replacing the error that made it unwind.
#include "support/sandbox.hpp"

#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/snapshot.hpp>
#include <pgsplit/pg/transaction.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;

namespace {

std::int64_t rows_of(const testing::TestDatabase& database) {
  return database.connect().exec("SELECT count(*) AS n FROM t").int64(0, "n");
}

} // namespace

TEST_CASE("a transaction commits what its body wrote", "[pg][transaction]") {
  testing::TestDatabase database("transaction_commit");
  database.run("CREATE TABLE t (n int)");
  auto connection = database.connect();
  pg::in_transaction(connection, [&] { connection.exec("INSERT INTO t VALUES (1)"); });
  CHECK(rows_of(database) == 1);
}

TEST_CASE("a transaction left without commit() is rolled back", "[pg][transaction]") {
  testing::TestDatabase database("transaction_rollback");
  database.run("CREATE TABLE t (n int)");
  auto connection = database.connect();
  CHECK_THROWS_AS(pg::in_transaction(connection,
                                     [&] {
                                       connection.exec("INSERT INTO t VALUES (1)");
                                       throw core::Error("the body failed");
                                     }),
                  core::Error);
  CHECK(rows_of(database) == 0);
  // The session is usable again: not left inside the aborted transaction.
  CHECK(connection.exec("SELECT 1 AS one").int64(0, "one") == 1);
}

// The old hand-written idiom ran ROLLBACK inside catch(...): on a broken connection that threw
// and the first error (the one worth reporting) was lost.
TEST_CASE("a transaction on a connection that broke reports the first error", "[pg][transaction]") {
  testing::TestDatabase database("transaction_broken");
  auto connection = database.connect();
  auto killer = database.connect();
  const auto pid = connection.exec("SELECT pg_backend_pid() AS pid").text(0, "pid");
  try {
    pg::in_transaction(connection, [&] {
      killer.exec("SELECT pg_terminate_backend($1::int)", {pid});
      connection.exec("SELECT 1");
    });
    FAIL("nothing was thrown");
  } catch (const core::SqlError& error) {
    CHECK(error.details().statement == "SELECT 1");
  }
}

TEST_CASE("a read-only transaction refuses writes", "[pg][transaction]") {
  testing::TestDatabase database("transaction_read_only");
  database.run("CREATE TABLE t (n int)");
  auto connection = database.connect();
  pg::Transaction transaction(connection, pg::consistent_read);
  CHECK_THROWS_AS(connection.exec("INSERT INTO t VALUES (1)"), core::SqlError);
}
