#include "support/sandbox.hpp"

#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/pg/conninfo.hpp>
#include <pgsplit/pg/sqlstate.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <chrono>
#include <thread>

using namespace pgsplit;
using Catch::Matchers::Contains;

namespace {

// The sandbox's port, read from its URL.
std::string sandbox_port() { return pg::parse_conninfo(testing::sandbox_url()).options.at("port"); }

} // namespace

TEST_CASE("connect to a sandbox database and run queries with parameters", "[pg]") {
  testing::TestDatabase database("connect");
  auto connection = database.connect();
  const auto result = connection.exec("SELECT $1::int + 1 AS answer, $2::text IS NULL AS is_null",
                                      {std::string("41"), std::nullopt});
  CHECK(result.int64(0, "answer") == 42);
  CHECK(result.boolean(0, "is_null"));
  CHECK(connection.server_version() >= 150000);
  CHECK_THAT(connection.description(), Contains(database.name()));
}

TEST_CASE("a closed port gives a connection error with a hint and exit code 2", "[pg]") {
  const std::string url = "postgresql://postgres@127.0.0.1:1/postgres?connect_timeout=2";
  try {
    pg::Connection::open(url);
    FAIL("connecting to port 1 should fail");
  } catch (const core::ConnectionError& error) {
    CHECK_THAT(error.what(), Contains("127.0.0.1"));
    CHECK_THAT(error.hint(), Contains("host and port"));
    CHECK(error.exit_code() == core::ExitCode::usage);
  }
}

TEST_CASE("a missing database is named", "[pg]") {
  const auto url = pg::conninfo_with_database(testing::sandbox_url(), "no_such_database_xyz");
  try {
    pg::Connection::open(url);
    FAIL("connecting to a missing database should fail");
  } catch (const core::ConnectionError& error) {
    CHECK_THAT(error.what(), Contains("no_such_database_xyz"));
    CHECK_THAT(error.server_message(), Contains("no_such_database_xyz"));
    CHECK_THAT(error.what(), Contains("does not exist"));
  }
}

TEST_CASE("a wrong password is reported without the password", "[pg]") {
  testing::TestDatabase database("password");
  database.run("CREATE ROLE pgsplit_pw_user LOGIN PASSWORD 'right-Secret-1'");
  const std::string secret = "Wr0ng-S3cret-pa55";
  const auto url = fmt::format("postgresql://pgsplit_pw_user:{}@127.0.0.1:{}/{}", secret,
                               sandbox_port(), database.name());
  std::string message;
  try {
    pg::Connection::open(url);
  } catch (const core::ConnectionError& error) {
    message = std::string(error.what()) + error.hint();
  }
  database.run("DROP ROLE pgsplit_pw_user");
  CHECK_THAT(message, Contains("password authentication failed"));
  CHECK_THAT(message, !Contains(secret));
  CHECK_THAT(message, Contains("~/.pgpass"));
}

TEST_CASE("a server error carries its SQLSTATE, message and connection", "[pg]") {
  testing::TestDatabase database("sqlerror");
  auto connection = database.connect();
  try {
    connection.exec("SELECT * FROM no_such_table");
    FAIL("querying a missing table should fail");
  } catch (const core::SqlError& error) {
    CHECK(error.sqlstate() == pg::sqlstate::undefined_table);
    CHECK_THAT(error.what(), Contains("no_such_table"));
    CHECK_THAT(error.details().connection, Contains(database.name()));
    CHECK(error.exit_code() == core::ExitCode::runtime_failure);
  }
  // The connection is still usable after a failed statement.
  CHECK(connection.exec("SELECT 1 AS one").int64(0, "one") == 1);
}

TEST_CASE("a read-only session refuses to write", "[pg]") {
  testing::TestDatabase database("readonly");
  database.run("CREATE TABLE kept (id int)");
  auto connection =
      pg::Connection::open(database.url(), {.application_name = "pgsplit-test", .read_only = true});
  CHECK_THROWS_MATCHES(connection.exec("INSERT INTO kept VALUES (1)"), core::SqlError,
                       Catch::Predicate<core::SqlError>([](const core::SqlError& error) {
                         return error.sqlstate() == pg::sqlstate::read_only_transaction;
                       }));
  CHECK(database.connect().exec("SELECT count(*) AS n FROM kept").int64(0, "n") == 0);
}

TEST_CASE("a running query can be cancelled from another handle", "[pg]") {
  testing::TestDatabase database("cancel");
  auto connection = database.connect();
  auto canceller = connection.canceller();
  std::thread stopper([&canceller] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    canceller.cancel();
  });
  try {
    connection.exec("SELECT pg_sleep(30)");
    stopper.join();
    FAIL("the sleep should have been cancelled");
  } catch (const core::SqlError& error) {
    stopper.join();
    CHECK(error.sqlstate() == pg::sqlstate::query_canceled);
  }
}
