#include <pgsplit/catalog/row_values.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::catalog;
using namespace pgsplit::catalog::detail;

TEST_CASE("text arrays quote every element and escape quotes and backslashes", "[catalog]") {
  CHECK(text_array_literal({}) == "{}");
  CHECK(text_array_literal({"app"}) == R"({"app"})");
  CHECK(text_array_literal({"a b", "x\"; --", "back\\slash", "{,}", "NULL"}) ==
        R"({"a b","x\"; --","back\\slash","{,}","NULL"})");
}

TEST_CASE("oid arrays are plain lists of numbers", "[catalog]") {
  CHECK(oid_array_literal({}) == "{}");
  CHECK(oid_array_literal({2200, 4294967295u}) == "{2200,4294967295}");
}

TEST_CASE("json arrays from json_agg become lists, NULL is empty", "[catalog]") {
  CHECK(parse_json_strings("").empty());
  CHECK(parse_json_strings("null").empty());
  CHECK(parse_json_strings(R"(["id", "user\"id", "Token Value"])") ==
        std::vector<std::string>{"id", "user\"id", "Token Value"});
  CHECK(parse_json_oids("[16385, 16390]") == std::vector<Oid>{16385, 16390});
  CHECK_THROWS(parse_json_strings("{\"not\": \"an array\"}"));
  CHECK_THROWS(parse_json_strings("[broken"));
}

TEST_CASE("json arrays of the wrong element type are refused", "[catalog]") {
  CHECK_THROWS(parse_json_oids(R"(["16385"])"));
  CHECK_THROWS(parse_json_strings("[1]"));
}

TEST_CASE("json arrays of attnums become integers", "[catalog]") {
  CHECK(parse_json_integers("[3,1,2]") == std::vector<int>{3, 1, 2});
  CHECK(parse_json_integers("").empty());
  CHECK_THROWS(parse_json_integers(R"(["1"])"));
}
