#include <pgsplit/config/name_pattern.hpp>
#include <pgsplit/core/error.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::config;

namespace {

NamePattern parsed(std::string_view text) {
  NamePatternParse result = try_parse_name_pattern(text);
  INFO(result.error);
  REQUIRE(result.pattern);
  return *result.pattern;
}

std::string error_of(std::string_view text) {
  const NamePatternParse result = try_parse_name_pattern(text);
  REQUIRE_FALSE(result.pattern);
  return result.error;
}

} // namespace

TEST_CASE("parse_name_pattern reads plain and schema-qualified names", "[config]") {
  CHECK(parsed("users") == NamePattern{std::nullopt, "users"});
  CHECK(parsed("public.users") == NamePattern{"public", "users"});
  CHECK(parsed("Session Tokens") == NamePattern{std::nullopt, "Session Tokens"});
  CHECK(parsed("user") == NamePattern{std::nullopt, "user"});           // no SQL keyword rules
  CHECK(parsed("MixedCase") == NamePattern{std::nullopt, "MixedCase"}); // no case folding
}

TEST_CASE("parse_name_pattern reads quoted parts that contain dots", "[config]") {
  CHECK(parsed("\"a.b\".\"c\"") == NamePattern{"a.b", "c"});
  CHECK(parsed("public.\"x.y\"") == NamePattern{"public", "x.y"});
  CHECK(parsed("\"v1.2\"") == NamePattern{std::nullopt, "v1.2"});
  CHECK(parsed("\"it\"\"s\".t") == NamePattern{"it\"s", "t"});
  CHECK(parsed("\"plain\"") == NamePattern{std::nullopt, "plain"});
}

TEST_CASE("parse_name_pattern keeps globs in both parts", "[config]") {
  const NamePattern tmp = parsed("public.tmp_*");
  CHECK(tmp == NamePattern{"public", "tmp_*"});
  CHECK(tmp.has_glob());
  CHECK(parsed("audit_?").has_glob());
  CHECK(parsed("tenant_*.users").has_glob());
  CHECK_FALSE(parsed("public.users").has_glob());
}

TEST_CASE("parse_name_pattern rejects broken names with a reason", "[config]") {
  CHECK(error_of("") == "empty table name");
  CHECK(error_of("a.b.c") == "more than one unquoted dot in 'a.b.c'");
  CHECK(error_of("\"a.b") == "unbalanced quotes in '\"a.b'");
  CHECK(error_of("ab\"c") == "unbalanced quotes in 'ab\"c'");
  CHECK(error_of("a.\"b") == "unbalanced quotes in 'a.\"b'");
  CHECK(error_of("\"a\"b") == "unexpected text after a closing quote in '\"a\"b'");
  CHECK(error_of(".users") == "empty schema name in '.users'");
  CHECK(error_of("public.") == "empty table name in 'public.'");
  CHECK(error_of("\"\"") == "empty table name in '\"\"'");
}

TEST_CASE("try_parse_name_pattern quotes the text as written, not as expanded", "[config]") {
  CHECK(try_parse_name_pattern("a.pw.c", "a.${P}.c").error ==
        "more than one unquoted dot in 'a.${P}.c'");
  CHECK(try_parse_name_pattern("\"pw", "${P}").error == "unbalanced quotes in '${P}'");
  CHECK(try_parse_name_pattern("\"p\"w", "${P}").error ==
        "unexpected text after a closing quote in '${P}'");
  CHECK(try_parse_name_pattern(".pw", ".${P}").error == "empty schema name in '.${P}'");
  CHECK(try_parse_name_pattern("s.pw", "s.${P}").pattern == NamePattern{"s", "pw"});
}

TEST_CASE("parse_name_pattern hints at the quoting rules", "[config]") {
  CHECK(try_parse_name_pattern("a.b.c").hint ==
        "write [schema.]table, quoting a part that contains dots: \"a.b\".c");
}

TEST_CASE("parse_name_pattern throws a ConfigError for a broken name", "[config]") {
  CHECK_THROWS_AS(parse_name_pattern("a.b.c"), pgsplit::core::ConfigError);
  CHECK_THROWS_WITH(parse_name_pattern("\"x"), "unbalanced quotes in '\"x'\n  hint: close the "
                                               "quoted part with \" (write \"\" for a quote "
                                               "inside it)");
  CHECK(parse_name_pattern("s.t") == NamePattern{"s", "t"});
}

TEST_CASE("NamePattern::to_string quotes only what needs it and parses back", "[config]") {
  CHECK(NamePattern{std::nullopt, "users"}.to_string() == "users");
  CHECK(NamePattern{"public", "tmp_*"}.to_string() == "public.tmp_*");
  CHECK(NamePattern{"a.b", "c"}.to_string() == "\"a.b\".c");
  CHECK(NamePattern{"s", "it\"s"}.to_string() == "s.\"it\"\"s\"");
  for (const NamePattern& pattern :
       {NamePattern{"a.b", "c.d"}, NamePattern{"q\"", "\"x\""}, NamePattern{std::nullopt, "a b"}}) {
    CHECK(parsed(pattern.to_string()) == pattern);
  }
}

TEST_CASE("NamePattern::matches applies the schema only when given", "[config]") {
  const NamePattern any_schema{std::nullopt, "auth_*"};
  CHECK(any_schema.matches("public", "auth_users"));
  CHECK(any_schema.matches("billing", "auth_users"));
  CHECK_FALSE(any_schema.matches("public", "users"));
  const NamePattern qualified{"public", "users"};
  CHECK(qualified.matches("public", "users"));
  CHECK_FALSE(qualified.matches("billing", "users"));
  CHECK(NamePattern{"tenant_*", "users"}.matches("tenant_7", "users"));
}
