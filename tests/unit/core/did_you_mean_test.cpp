#include <pgsplit/core/did_you_mean.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::core;

TEST_CASE("edit distance counts insertions, deletions, substitutions, transpositions", "[core]") {
  CHECK(edit_distance("plan", "plan") == 0);
  CHECK(edit_distance("plan", "plna") == 1);
  CHECK(edit_distance("plan", "pan") == 1);
  CHECK(edit_distance("plan", "plans") == 1);
  CHECK(edit_distance("verify", "verfiy") == 1);
  CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("closest match suggests plausible typos only", "[core]") {
  const std::vector<std::string> commands{"init", "plan", "apply", "verify", "stamp"};
  CHECK(closest_match("aply", commands) == "apply");
  CHECK(closest_match("verfy", commands) == "verify");
  CHECK_FALSE(closest_match("frobnicate", commands).has_value());
  CHECK(did_you_mean_suffix("stmap", commands) == "; did you mean 'stamp'?");
  CHECK(did_you_mean_suffix("zzzzzz", commands).empty());
}
