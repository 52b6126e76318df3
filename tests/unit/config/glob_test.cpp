#include <pgsplit/config/glob.hpp>

#include <catch2/catch.hpp>

using pgsplit::config::glob_match;
using pgsplit::config::has_glob_characters;

TEST_CASE("glob_match without glob characters compares whole names exactly", "[config]") {
  CHECK(glob_match("users", "users"));
  CHECK_FALSE(glob_match("users", "user"));
  CHECK_FALSE(glob_match("user", "users"));
  CHECK_FALSE(glob_match("Users", "users")); // case-sensitive
  CHECK(glob_match("Session Tokens", "Session Tokens"));
  CHECK(glob_match("", ""));
  CHECK_FALSE(glob_match("", "a"));
}

TEST_CASE("glob_match star matches any run of characters", "[config]") {
  CHECK(glob_match("auth_*", "auth_"));
  CHECK(glob_match("auth_*", "auth_sessions"));
  CHECK_FALSE(glob_match("auth_*", "oauth_sessions"));
  CHECK(glob_match("*_log", "audit_log"));
  CHECK(glob_match("*", ""));
  CHECK(glob_match("*", "anything.at all"));
  CHECK(glob_match("a*b*c", "a__b__c"));
  CHECK_FALSE(glob_match("a*b*c", "a__c__b"));
  CHECK(glob_match("**x", "yx"));
}

TEST_CASE("glob_match question mark matches exactly one character", "[config]") {
  CHECK(glob_match("t?", "t1"));
  CHECK_FALSE(glob_match("t?", "t"));
  CHECK_FALSE(glob_match("t?", "t12"));
  CHECK(glob_match("?*", "a"));
  CHECK_FALSE(glob_match("?*", ""));
}

TEST_CASE("glob_match backtracks past literal stars in the text", "[config]") {
  CHECK(glob_match("*x", "*ax"));
  CHECK(glob_match("a*", "a*"));
}

TEST_CASE("glob_match stays fast on patterns that would explode a naive matcher", "[config]") {
  const std::string text(200, 'a');
  CHECK_FALSE(glob_match("a*a*a*a*a*a*a*a*a*a*b", text));
  CHECK(glob_match("a*a*a*a*a*a*a*a*a*a*", text));
}

TEST_CASE("has_glob_characters looks for star and question mark", "[config]") {
  CHECK(has_glob_characters("tmp_*"));
  CHECK(has_glob_characters("t?"));
  CHECK_FALSE(has_glob_characters("users"));
  CHECK_FALSE(has_glob_characters("a.b"));
}
