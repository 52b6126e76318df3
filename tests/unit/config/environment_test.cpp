#include <pgsplit/config/environment.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace pgsplit::config;

TEST_CASE("fixed_environment answers from its own variables only", "[config]") {
  const Environment env = fixed_environment({{"A", "1"}, {"EMPTY", ""}});
  CHECK(env("A") == "1");
  CHECK(env("EMPTY") == "");
  CHECK_FALSE(env("PATH"));
}

TEST_CASE("process_environment reads the variables of this process", "[config]") {
  // PATH is set in any environment that can run the tests; only its presence is checked.
  const Environment env = process_environment();
  CHECK(env("PATH"));
  CHECK_FALSE(env("PGSPLIT_TEST_SURELY_UNSET_VARIABLE_4711"));
}
