#include "support/problems.hpp"

#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/config/target_config.hpp>
#include <pgsplit/core/error.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::config;

namespace {

const Environment env = fixed_environment({{"EMPTY", ""}});

// Lines 1-3; the test's `targets` section starts on line 4.
const std::string head = "source:\n  url: postgresql://h/mono\ntargets:\n";

std::vector<std::string> problems(const std::string& targets) {
  return pgsplit::testing::mapping_problems(head + targets, env);
}

using Problems = std::vector<std::string>;

} // namespace

TEST_CASE("targets must be a non-empty mapping", "[config]") {
  CHECK(problems("  - auth\n") ==
        Problems{"4:3: targets: expected a mapping of target names to their settings, got a list"});
  CHECK(problems("  {}\n") == Problems{"3:1: targets: expected at least one target"});
  CHECK(problems("") == Problems{"3:1: targets: expected a mapping of target names to their "
                                 "settings, got nothing (null)"});
}

TEST_CASE("two targets with the same name are reported at the second", "[config]") {
  CHECK(problems("  auth: {url: host=a, tables: [a]}\n"
                 "  billing: {url: host=b, tables: [b]}\n"
                 "  auth: {url: host=c, tables: [c]}\n") ==
        Problems{"6:3: duplicate target 'auth' in targets (first at line 4)"});
}

TEST_CASE("target names are letters, digits, underscore and dash", "[config]") {
  CHECK_NOTHROW(
      parse_mapping(head + "  Auth_service-2: {url: host=a, tables: [a]}\n", "m.yaml", env));
  CHECK(problems("  auth service: {url: host=a, tables: [a]}\n"
                 "  \"\": {url: host=a, tables: [b]}\n"
                 "  auth.v2: {url: host=a, tables: [c]}\n") ==
        Problems{"4:3: invalid target name 'auth service'", "5:3: invalid target name ''",
                 "6:3: invalid target name 'auth.v2'"});
  CHECK(valid_target_name("a-b_C9"));
  CHECK_FALSE(valid_target_name("ä"));
}

TEST_CASE("a target needs url and tables", "[config]") {
  CHECK(problems("  auth:\n    create_database: true\n") ==
        Problems{"4:3: missing required key 'url' in targets.auth",
                 "4:3: missing required key 'tables' in targets.auth"});
  CHECK(problems("  auth:\n") ==
        Problems{"4:3: targets.auth: expected a mapping with url and tables, got nothing (null)"});
}

TEST_CASE("a target's keys are checked", "[config]") {
  CHECK(problems("  auth:\n    url: host=a\n    tables: [a]\n    stamps: []\n"
                 "    create_db: true\n    url: host=b\n") ==
        Problems{"7:5: unknown key 'stamps' in targets.auth; did you mean 'stamp'?",
                 "8:5: unknown key 'create_db' in targets.auth",
                 "9:5: duplicate key 'url' in targets.auth (first at line 5)"});
}

TEST_CASE("a target's url is checked without being shown", "[config]") {
  CHECK(problems("  auth: {url: '${EMPTY}', tables: [a]}\n") ==
        Problems{"4:15: targets.auth.url: expected a non-empty value, got an empty string"});
  CHECK(problems("  auth: {url: 'secret@host', tables: [a]}\n") ==
        Problems{"4:15: targets.auth.url: expected a connection URI (postgresql://…) or "
                 "key=value conninfo"});
  CHECK(problems("  auth: {url: {host: h}, tables: [a]}\n") ==
        Problems{"4:15: targets.auth.url: expected a string, got a mapping"});
}

TEST_CASE("create_database is a boolean", "[config]") {
  CHECK(problems("  auth: {url: host=a, tables: [a], create_database: 1}\n") ==
        Problems{"4:53: targets.auth.create_database: expected a boolean (true/false), got '1'"});
  const Mapping m = parse_mapping(
      head + "  auth: {url: host=a, tables: [a], create_database: true}\n", "m.yaml", env);
  CHECK(m.targets[0].create_database);
}

TEST_CASE("tables is a non-empty list", "[config]") {
  CHECK(problems("  auth: {url: host=a, tables: []}\n") ==
        Problems{"4:31: targets.auth.tables: expected at least one table"});
  CHECK(problems("  auth: {url: host=a, tables: users}\n") ==
        Problems{"4:31: targets.auth.tables: expected a list of tables, got a string"});
  CHECK(problems("  auth:\n    url: host=a\n    tables:\n") ==
        Problems{"6:5: targets.auth.tables: expected a list of tables, got nothing (null)"});
}

TEST_CASE("stamp is a list", "[config]") {
  CHECK(problems("  auth: {url: host=a, tables: [a], stamp: {sql: x}}\n") ==
        Problems{"4:43: targets.auth.stamp: expected a list of tools, got a mapping"});
}
