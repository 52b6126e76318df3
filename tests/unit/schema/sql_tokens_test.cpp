#include <pgsplit/schema/sql_tokens.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace pgsplit::schema::detail;

namespace {

// "kind:text" of every significant token, for compact assertions.
std::vector<std::string> significant(const std::string& sql) {
  std::vector<std::string> out;
  for (const auto& token : tokenize(sql)) {
    if (!token.is_significant()) {
      continue;
    }
    const std::string text = sql.substr(token.begin, token.end - token.begin);
    switch (token.kind) {
    case TokenKind::word:
      out.push_back("word:" + token.value);
      break;
    case TokenKind::quoted:
      out.push_back("quoted:" + token.value);
      break;
    case TokenKind::literal:
      out.push_back("literal:" + text);
      break;
    case TokenKind::number:
      out.push_back("number:" + text);
      break;
    default:
      out.push_back("symbol:" + text);
    }
  }
  return out;
}

} // namespace

TEST_CASE("tokens cover the text without gaps", "[schema]") {
  const std::string sql = "SELECT a.\"B\"\n  -- note\n FROM x /* c /* nested */ */ WHERE y = 'z'";
  std::size_t expected_begin = 0;
  for (const auto& token : tokenize(sql)) {
    CHECK(token.begin == expected_begin);
    expected_begin = token.end;
  }
  CHECK(expected_begin == sql.size());
}

TEST_CASE("bare words fold to lower case, quoted identifiers keep case and undo doubling",
          "[schema]") {
  CHECK(significant(R"(Public."Session Tokens"."x""; DROP TABLE victim; --")") ==
        std::vector<std::string>{"word:public", "symbol:.", "quoted:Session Tokens", "symbol:.",
                                 "quoted:x\"; DROP TABLE victim; --"});
}

TEST_CASE("string literals of every form are single tokens", "[schema]") {
  CHECK(significant(R"(a = 'it''s public.users' OR b = E'\'public.users\\' OR c = $f$ x.y $f$)") ==
        std::vector<std::string>{"word:a", "symbol:=", "literal:'it''s public.users'", "word:or",
                                 "word:b", "symbol:=", R"(literal:E'\'public.users\\')", "word:or",
                                 "word:c", "symbol:=", "literal:$f$ x.y $f$"});
  CHECK(significant("$$ body; $$ $1 U&'d\\0061' x'1F'") ==
        std::vector<std::string>{"literal:$$ body; $$", "number:$1", "literal:U&'d\\0061'",
                                 "literal:x'1F'"});
}

TEST_CASE("comments are skipped, nested block comments included", "[schema]") {
  CHECK(significant("a -- public.users\n/* x /* public.users */ y */ b") ==
        std::vector<std::string>{"word:a", "word:b"});
}

TEST_CASE("unterminated text runs to the end instead of failing", "[schema]") {
  CHECK(significant("a 'open") == std::vector<std::string>{"word:a", "literal:'open"});
  CHECK(significant("\"open") == std::vector<std::string>{"quoted:open"});
  CHECK(significant("$tag$ never closed") ==
        std::vector<std::string>{"literal:$tag$ never closed"});
}

TEST_CASE("identifiers may hold dollars and non-ASCII letters", "[schema]") {
  CHECK(significant("a$b.été 1.5e3") ==
        std::vector<std::string>{"word:a$b", "symbol:.", "word:été", "number:1.5e3"});
}
