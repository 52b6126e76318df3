#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/quote.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;

TEST_CASE("identifiers are always quoted, inner quotes doubled", "[pg]") {
  CHECK(pg::quote_ident("users") == "\"users\"");
  CHECK(pg::quote_ident("Session Tokens") == "\"Session Tokens\"");
  CHECK(pg::quote_ident(R"(x"; DROP TABLE victim; --)") == R"("x""; DROP TABLE victim; --")");
  CHECK(pg::quote_qualified("a.b", "c") == "\"a.b\".\"c\"");
  CHECK_THROWS_AS(pg::quote_ident(std::string("a\0b", 3)), core::Error);
}

TEST_CASE("literals double single quotes and keep backslashes", "[pg]") {
  CHECK(pg::quote_literal("it's") == "'it''s'");
  CHECK(pg::quote_literal("a\\b") == "'a\\b'");
}
