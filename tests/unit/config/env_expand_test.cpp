#include <pgsplit/config/env_expand.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::config;

namespace {

const Environment env =
    fixed_environment({{"HOST", "db.internal"}, {"PASSWORD", "s3cr$t"}, {"EMPTY", ""}});

std::string expanded(std::string_view text) {
  const Expansion result = expand_variables(text, env);
  INFO(result.error);
  REQUIRE(result.ok());
  return result.text;
}

} // namespace

TEST_CASE("expand_variables leaves text without references alone", "[config]") {
  CHECK(expanded("") == "");
  CHECK(expanded("users") == "users");
  CHECK(expanded("price $5, $1 and $") == "price $5, $1 and $");
  CHECK(expanded("{HOST}") == "{HOST}");
}

TEST_CASE("expand_variables substitutes set variables", "[config]") {
  CHECK(expanded("${HOST}") == "db.internal");
  CHECK(expanded("postgresql://app:${PASSWORD}@${HOST}:5432/auth") ==
        "postgresql://app:s3cr$t@db.internal:5432/auth");
  CHECK(expanded("${EMPTY}") == "");
}

TEST_CASE("expand_variables does not expand inside a substituted value", "[config]") {
  const Environment nested = fixed_environment({{"A", "${B}"}, {"B", "x"}});
  CHECK(expand_variables("${A}", nested).text == "${B}");
}

TEST_CASE("expand_variables uses the default when unset or empty", "[config]") {
  CHECK(expanded("${PORT:-5432}") == "5432");
  CHECK(expanded("${EMPTY:-fallback}") == "fallback");
  CHECK(expanded("${HOST:-localhost}") == "db.internal");
  CHECK(expanded("${PORT:-}") == "");
  CHECK(expanded("${URL:-host=x dbname=y}") == "host=x dbname=y");
}

TEST_CASE("expand_variables turns $$ into a literal dollar", "[config]") {
  CHECK(expanded("$$") == "$");
  CHECK(expanded("$${HOST}") == "${HOST}");
  CHECK(expanded("$$$$body$$$$") == "$$body$$");
  CHECK(expanded("$$$") == "$$");
}

TEST_CASE("expand_variables names an unset variable and never shows values", "[config]") {
  const Expansion result = expand_variables("postgresql://app:${PASSWORD}@${NOPE}/x", env);
  CHECK_FALSE(result.ok());
  CHECK(result.error == "environment variable NOPE is not set");
  CHECK(result.hint == "export NOPE, or give a default: ${NOPE:-value}");
}

TEST_CASE("expand_variables rejects malformed references", "[config]") {
  CHECK(expand_variables("${HOST", env).error == "unterminated '${' (missing '}')");
  CHECK(expand_variables("${}", env).error == "invalid variable reference '${}'");
  CHECK(expand_variables("${1X}", env).error == "invalid variable reference '${1X}'");
  CHECK(expand_variables("${A B}", env).error == "invalid variable reference '${A B}'");
  CHECK(expand_variables("${A-x}", env).error == "invalid variable reference '${A-x}'");
}
