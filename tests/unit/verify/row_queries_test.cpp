#include <pgsplit/verify/row_queries.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::verify;

TEST_CASE("row_count_query counts FROM ONLY the table, with the filter", "[verify]") {
  CHECK(row_count_query("\"app\".\"t\"", {"\"a\""}, std::nullopt, false) ==
        "SELECT count(*) AS row_count FROM ONLY \"app\".\"t\"");
  CHECK(row_count_query("\"app\".\"t\"", {"\"a\""}, std::string("(\nx > 1\n)"), false) ==
        "SELECT count(*) AS row_count FROM ONLY \"app\".\"t\" WHERE (\nx > 1\n)");
}

TEST_CASE("the checksum hashes ROW(every column in order)::text, summed in numeric", "[verify]") {
  CHECK(row_digest_expression({"\"id\"", "\"Name\""}) ==
        "coalesce(sum(('x' || substr(md5(ROW(\"id\", \"Name\")::text), 1, 16))::bit(64)::bigint"
        "::numeric), 0)");
  CHECK(row_count_query("t", {"\"id\""}, std::nullopt, true) ==
        "SELECT count(*) AS row_count, coalesce(sum(('x' || substr(md5(ROW(\"id\")::text), 1, "
        "16))::bit(64)::bigint::numeric), 0) AS checksum FROM ONLY t");
}

TEST_CASE("claims of one table in one target: filters ORed, any unfiltered claim takes all",
          "[verify]") {
  CHECK_FALSE(combined_filter({}).has_value());
  CHECK_FALSE(combined_filter({std::nullopt}).has_value());
  CHECK_FALSE(combined_filter({std::string("a = 1"), std::nullopt}).has_value());
  // A trailing comment cannot swallow what follows: each filter sits on lines of its own.
  CHECK(combined_filter({std::string("a = 1 -- one")}) == "(\na = 1 -- one\n)");
  CHECK(combined_filter({std::string("a = 1"), std::string("a = 2")}) ==
        "coalesce((\na = 1\n), false) OR coalesce((\na = 2\n), false)");
  CHECK(shown_filter({std::string("a = 1")}) == "a = 1");
  CHECK(shown_filter({std::string("a = 1"), std::string("a = 2")}) == "(a = 1) OR (a = 2)");
  CHECK_FALSE(shown_filter({std::string("a = 1"), std::nullopt}).has_value());
}
