#include "support/sandbox.hpp"

#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/conninfo.hpp>
#include <pgsplit/pg/maintenance.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;

namespace {

// The text of the error connecting to `url` gives.
std::string failure_of(const std::string& url) {
  try {
    pg::Connection::open(url);
  } catch (const core::ConnectionError& error) {
    return error.server_message();
  }
  FAIL("connecting to " << url << " should fail");
  return {};
}

} // namespace

TEST_CASE("a missing database is told by the server's catalog, not by the message", "[pg]") {
  testing::TestDatabase existing("maintenance");
  const auto missing = testing::unique_database_name("maintenance_missing");
  const auto missing_url = pg::conninfo_with_database(testing::sandbox_url(), missing);
  CHECK(pg::database_exists(missing_url, {}) == false);
  CHECK(pg::database_exists(existing.url(), {}) == true);

  auto server = pg::maintenance_if_missing(missing_url, failure_of(missing_url), {});
  REQUIRE(server.has_value());
  CHECK(server->exec("SELECT current_database() AS db").text(0, "db") == "postgres");
  // Any wording that names the database will do: the catalog decides.
  CHECK(pg::maintenance_if_missing(missing_url, "FATAL:  la base « " + missing + " » ?", {}));
  CHECK_FALSE(pg::maintenance_if_missing(existing.url(), "denied for " + existing.name(), {}));
  // A failure that does not name the database (refused, timed out) is not looked into.
  CHECK_FALSE(pg::maintenance_if_missing(missing_url, "Connection refused", {}));
}

TEST_CASE("without a reachable server, whether a database exists cannot be told", "[pg]") {
  const std::string url = "postgresql://postgres@127.0.0.1:1/app?connect_timeout=2";
  CHECK_FALSE(pg::database_exists(url, {}).has_value());
  CHECK_FALSE(pg::maintenance_if_missing(url, "database app", {}).has_value());
  CHECK_FALSE(pg::open_maintenance(url, {}).has_value());
}
