#include "support/sandbox.hpp"

#include <pgsplit/pg/quote.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

using namespace pgsplit;

TEST_CASE("a hostile table name is quoted, created and used without injection", "[pg]") {
  testing::TestDatabase database("quote");
  auto connection = database.connect();
  connection.exec("CREATE TABLE x (id int); INSERT INTO x VALUES (1)");
  const std::string hostile = R"(a"b; DROP TABLE x; --)";
  const std::string schema = "Schéma \"2\"";

  const auto quoted_schema = connection.quote_ident(schema);
  const auto quoted_table = connection.quote_qualified(schema, hostile);
  connection.exec(fmt::format("CREATE SCHEMA {}", quoted_schema));
  connection.exec(fmt::format("CREATE TABLE {} (v text)", quoted_table));
  connection.exec(fmt::format("INSERT INTO {} VALUES ($1)", quoted_table), {hostile});

  const auto names = connection.exec(
      "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE c.relname = $1",
      {hostile});
  REQUIRE(names.rows() == 1);
  CHECK(names.text(0, "nspname") == schema);
  CHECK(connection.exec("SELECT count(*) AS n FROM x").int64(0, "n") == 1); // x survived
  CHECK(connection.exec(fmt::format("SELECT v FROM {}", quoted_table)).text(0, "v") == hostile);
}

TEST_CASE("pure quoting agrees with PQescapeIdentifier", "[pg]") {
  testing::TestDatabase database("quote_agree");
  auto connection = database.connect();
  for (const std::string name : {"plain", "Mixed Case", R"(a"b; DROP TABLE x; --)", "",
                                 "dots.in.name", "日本語 🚀", R"("")", "back\\slash"}) {
    CAPTURE(name);
    CHECK(pg::quote_ident(name) == connection.quote_ident(name));
  }
}
