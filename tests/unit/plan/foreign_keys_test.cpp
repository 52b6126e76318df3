#include "support/catalog_builder.hpp"
#include "unit/plan/test_helpers.hpp"

#include <pgsplit/plan/build_plan.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;
using Catch::Matchers::Contains;
using plan::Severity;

namespace {

CatalogBuilder with_keys() {
  CatalogBuilder catalog;
  catalog.table("public", "users");
  catalog.table("public", "profiles");
  catalog.table("public", "sessions");
  catalog.table("public", "legacy");
  catalog.foreign_key("profiles", "users");  // crosses auth → candidate
  catalog.foreign_key("sessions", "users");  // stays inside auth
  catalog.foreign_key("profiles", "legacy"); // parent excluded
  return catalog;
}

std::string mapping(const std::string& policy) {
  return R"(
source: {url: "postgresql://src/m"}
exclude: [legacy]
targets:
  auth: {url: "postgresql://h/a", tables: [users, sessions]}
  candidate: {url: "postgresql://h/c", tables: [profiles]}
options: {cross_target_foreign_keys: )" +
         policy + "}\n";
}

} // namespace

TEST_CASE("foreign keys across targets are listed and dropped with a warning", "[plan]") {
  const auto catalog = with_keys();
  const auto plan = plan::build_plan(mapping_from(mapping("drop")), catalog.catalog());
  CHECK_FALSE(plan.has_errors());
  REQUIRE(plan.cross_target_foreign_keys.size() == 2);
  const auto& to_users = plan.cross_target_foreign_keys[0];
  CHECK(to_users.child.name == "profiles");
  CHECK(to_users.child_target == "candidate");
  CHECK(to_users.parent.name == "users");
  CHECK(to_users.parent_target == "auth");
  CHECK(to_users.child_columns == std::vector<std::string>{"users_id"});
  CHECK(plan.cross_target_foreign_keys[1].parent_target.empty());
  CHECK(plan.find_target("candidate")->dropped_foreign_keys.size() == 2);
  CHECK(plan.find_target("auth")->dropped_foreign_keys.empty());
  const auto warnings = messages(plan, Severity::warning);
  CHECK_THAT(warnings, Contains("public.profiles(users_id) → public.users(id) will not be created: "
                                "its parent goes to target auth"));
  CHECK_THAT(warnings, Contains("is not copied to any target"));
}

TEST_CASE("cross_target_foreign_keys: fail turns them into errors", "[plan]") {
  const auto catalog = with_keys();
  const auto plan = plan::build_plan(mapping_from(mapping("fail")), catalog.catalog());
  CHECK(count_of(plan, Severity::error) == 2);
  CHECK_THAT(messages(plan, Severity::error),
             Contains("foreign key profiles_users_fkey public.profiles(users_id) → "
                      "public.users(id) crosses targets") &&
                 Contains("target candidate"));
}

TEST_CASE("drop_foreign_keys leaves a key out of its target, without a warning", "[plan]") {
  const auto catalog = with_keys();
  const auto plan = plan::build_plan(mapping_from(R"(
source: {url: "postgresql://src/m"}
exclude: [legacy]
targets:
  auth:
    url: "postgresql://h/a"
    tables: [users, {name: sessions, drop_foreign_keys: [sessions_users_fkey]}]
  candidate:
    url: "postgresql://h/c"
    tables: [{name: profiles, drop_foreign_keys: [profiles_users_fkey]}]
options: {cross_target_foreign_keys: fail}
)"),
                                     catalog.catalog());
  // Under fail, only the crossing key not named in drop_foreign_keys is an error.
  const auto errors = messages(plan, Severity::error);
  CHECK(count_of(plan, Severity::error) == 1);
  CHECK_THAT(errors, Contains("profiles_legacy_fkey"));
  const auto& auth = plan.find_target("auth")->dropped_foreign_keys;
  REQUIRE(auth.size() == 1);
  CHECK(auth[0].name == "sessions_users_fkey");
  CHECK(auth[0].parent_target == "auth");
  const auto& candidate = plan.find_target("candidate")->dropped_foreign_keys;
  REQUIRE(candidate.size() == 1);
  CHECK(candidate[0].name == "profiles_users_fkey");
  // The key inside auth crosses nothing: verify --references does not check it.
  CHECK(std::none_of(
      plan.cross_target_foreign_keys.begin(), plan.cross_target_foreign_keys.end(),
      [](const plan::CrossTargetForeignKey& key) { return key.name == "sessions_users_fkey"; }));
}

TEST_CASE("a drop_foreign_keys name that is no key of the entry's table is an error", "[plan]") {
  const auto catalog = with_keys();
  const auto plan = plan::build_plan(mapping_from(R"(
source: {url: "postgresql://src/m"}
exclude: [legacy]
targets:
  auth:
    url: "postgresql://h/a"
    tables: [users, {name: sessions, drop_foreign_keys: [sessions_user_fkey]}, profiles]
)"),
                                     catalog.catalog());
  CHECK_THAT(messages(plan, Severity::error),
             Contains("drop_foreign_keys: 'sessions_user_fkey' is not a foreign key of "
                      "public.sessions"));
}
