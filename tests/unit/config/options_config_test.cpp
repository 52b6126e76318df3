#include "support/problems.hpp"

#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/core/error.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::config;

namespace {

const Environment env = fixed_environment({{"JOBS", "12"}});

// Lines 1-4; `options:` is line 5 and the test's settings start on line 6.
const std::string head = "source: {url: postgresql://h/mono}\ntargets:\n  auth:\n"
                         "    {url: postgresql://h/auth, tables: [users]}\noptions:\n";

Options options(const std::string& settings) {
  return parse_mapping(head + settings, "m.yaml", env).options;
}

std::vector<std::string> problems(const std::string& settings) {
  return pgsplit::testing::mapping_problems(head + settings, env);
}

using Problems = std::vector<std::string>;

} // namespace

TEST_CASE("options reads every setting", "[config]") {
  const Options o = options("  jobs: 2\n  schema: existing\n  if_target_not_empty: truncate\n"
                            "  cross_target_foreign_keys: fail\n");
  CHECK(o.jobs == 2);
  CHECK(o.schema == SchemaMode::existing);
  CHECK(o.if_target_not_empty == IfTargetNotEmpty::truncate);
  CHECK(o.cross_target_foreign_keys == CrossTargetForeignKeys::fail);
  CHECK(o.location.line == 5);
  CHECK(o.location.column == 1);
}

TEST_CASE("options keeps defaults for what it does not set", "[config]") {
  const Options o = options("  schema: create\n");
  CHECK(o.jobs == 4);
  CHECK(o.if_target_not_empty == IfTargetNotEmpty::fail);
  CHECK(o.cross_target_foreign_keys == CrossTargetForeignKeys::drop);
  CHECK(options("  jobs: ${JOBS}\n").jobs == 12);
  CHECK(options("  jobs: '3'\n").jobs == 3);
}

TEST_CASE("owners and privileges are kept unless the mapping says otherwise", "[config]") {
  const Options defaults = options("  jobs: 2\n");
  CHECK(defaults.owners == Owners::keep);
  CHECK(defaults.privileges == Privileges::keep);
  const Options set = options("  owners: connecting_role\n  privileges: none\n");
  CHECK(set.owners == Owners::connecting_role);
  CHECK(set.privileges == Privileges::none);
  CHECK(problems("  owners: nobody\n  privileges: all\n") ==
        Problems{"6:11: options.owners: expected one of keep, connecting_role, got 'nobody'",
                 "7:15: options.privileges: expected one of keep, none, got 'all'"});
}

TEST_CASE("jobs is an integer of at least 1", "[config]") {
  CHECK(problems("  jobs: 0\n") == Problems{"6:9: options.jobs: expected an integer >= 1, got 0"});
  CHECK(problems("  jobs: -2\n") ==
        Problems{"6:9: options.jobs: expected an integer >= 1, got -2"});
  CHECK(problems("  jobs: 3000000000\n") ==
        Problems{"6:9: options.jobs: expected an integer >= 1, got 3000000000"});
  CHECK(problems("  jobs: four\n") ==
        Problems{"6:9: options.jobs: expected an integer, got 'four'"});
  CHECK(problems("  jobs: 1.5\n") == Problems{"6:9: options.jobs: expected an integer, got '1.5'"});
  CHECK(problems("  jobs: [1]\n") ==
        Problems{"6:9: options.jobs: expected an integer, got a list"});
}

TEST_CASE("enum options list their valid values", "[config]") {
  CHECK(problems("  schema: crate\n  if_target_not_empty: wipe\n"
                 "  cross_target_foreign_keys: keep\n") ==
        Problems{"6:11: options.schema: expected one of create, existing, got 'crate'; did you "
                 "mean 'create'?",
                 "7:24: options.if_target_not_empty: expected one of fail, truncate, got 'wipe'",
                 "8:30: options.cross_target_foreign_keys: expected one of drop, fail, got "
                 "'keep'"});
}

TEST_CASE("options reports unknown keys, duplicates and a wrong shape", "[config]") {
  CHECK(problems("  job: 2\n  jobs: 2\n  jobs: 3\n") ==
        Problems{"6:3: unknown key 'job' in options; did you mean 'jobs'?",
                 "8:3: duplicate key 'jobs' in options (first at line 7)"});
  CHECK(problems("  - jobs\n") ==
        Problems{"6:3: options: expected a mapping of settings, got a list"});
}
