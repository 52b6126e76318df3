#include <pgsplit/stamp/python_literal.hpp>

#include <catch2/catch.hpp>

using pgsplit::stamp::parse_python_literal;
using Kind = pgsplit::stamp::PythonLiteral::Kind;
using Strings = std::vector<std::string>;

TEST_CASE("parse_python_literal reads None and strings", "[stamp]") {
  const auto none = parse_python_literal("None");
  REQUIRE(none);
  CHECK(none->kind == Kind::none);
  CHECK(none->strings.empty());

  for (const char* text : {"'abc'", "\"abc\"", "'''abc'''", "r'abc'", "('abc')", "'ab' 'c'"}) {
    INFO(text);
    const auto value = parse_python_literal(text);
    REQUIRE(value);
    CHECK(value->kind == Kind::string);
    CHECK(value->strings == Strings{"abc"});
  }
}

TEST_CASE("parse_python_literal reads tuples and lists of strings", "[stamp]") {
  const auto tuple = parse_python_literal("('a', \"b\")");
  REQUIRE(tuple);
  CHECK(tuple->kind == Kind::sequence);
  CHECK(tuple->strings == Strings{"a", "b"});

  const auto spaced = parse_python_literal("(     'a',       'b', )");
  REQUIRE(spaced);
  CHECK(spaced->strings == Strings{"a", "b"});

  const auto bare = parse_python_literal("'a', 'b'");
  REQUIRE(bare);
  CHECK(bare->kind == Kind::sequence);
  CHECK(bare->strings == Strings{"a", "b"});

  const auto one = parse_python_literal("('a',)");
  REQUIRE(one);
  CHECK(one->kind == Kind::sequence);
  CHECK(one->strings == Strings{"a"});

  const auto list = parse_python_literal("['a']");
  REQUIRE(list);
  CHECK(list->kind == Kind::sequence);

  const auto empty = parse_python_literal("()");
  REQUIRE(empty);
  CHECK(empty->kind == Kind::sequence);
  CHECK(empty->strings.empty());
}

TEST_CASE("parse_python_literal refuses what is not a literal", "[stamp]") {
  for (const char* text : {"make_id()", "REVISION", "f'{x}'", "b'abc'", "42", "'abc' + 'd'",
                           "('a', 'b'", "'unterminated", "", "(None, 'a')"}) {
    INFO(text);
    CHECK_FALSE(parse_python_literal(text));
  }
}

TEST_CASE("parse_python_literal keeps backslashes from ending a string", "[stamp]") {
  const auto value = parse_python_literal(R"('it\'s')");
  REQUIRE(value);
  CHECK(value->strings == Strings{"it's"});
}
