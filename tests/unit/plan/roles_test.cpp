#include "support/catalog_builder.hpp"
#include "unit/plan/test_helpers.hpp"

#include <pgsplit/plan/build_plan.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;
using Catch::Matchers::Contains;
using plan::Severity;

namespace {

// Target auth takes app.users: owned by app_owner, read by reader, with a policy for tenant.
struct RolesFixture {
  CatalogBuilder builder;
  config::Mapping mapping;
  plan::Plan plan;
  plan::Facts facts;

  explicit RolesFixture(const std::string& options = "{}") {
    builder.schema("app").access.owner = "app_owner";
    auto& users = builder.table("app", "users");
    users.access.owner = "app_owner";
    users.access.privileges = {{.grantee = "reader", .privilege = "SELECT"}};
    users.policies = {{.name = "own_rows", .command = "ALL", .roles = {"tenant"}}};
    mapping = mapping_from(R"(
source: {url: "postgresql://src/m"}
targets:
  auth: {url: "postgresql://h/auth", tables: [app.users]}
options: )" + options + "\n");
    plan = plan::build_plan(mapping, builder.catalog());
    plan::TargetFacts target;
    target.target = "auth";
    target.reachable = true;
    target.can_create = true;
    target.roles_known = true;
    facts.targets = {target};
  }

  void roles(std::vector<plan::TargetRole> roles, bool superuser = false) {
    facts.targets[0].roles = std::move(roles);
    facts.targets[0].is_superuser = superuser;
  }

  plan::Plan checked() {
    plan::check_preflight(plan, mapping, builder.catalog(), facts);
    return plan;
  }
};

} // namespace

TEST_CASE("roles the target server has and pgsplit may assign give no finding", "[plan][roles]") {
  RolesFixture fixture;
  fixture.roles({{"app_owner", true, true}, {"reader", false, false}, {"tenant", false, false}},
                true);
  const auto plan = fixture.checked();
  CHECK(plan.findings.empty());
  CHECK(plan.targets[0].unassignable_owners.empty());
  CHECK(plan.targets[0].missing_roles.empty());
  CHECK(plan.targets[0].connecting_as_superuser);
}

TEST_CASE("an owner pgsplit may not assign and a missing grantee are warnings with the fix, a "
          "policy's missing role is an error",
          "[plan][roles]") {
  RolesFixture fixture;
  fixture.roles({{"app_owner", false, true}});
  const auto plan = fixture.checked();
  const auto owner = findings_with(plan, "role app_owner owns");
  REQUIRE(owner.size() == 1);
  CHECK(owner[0].severity == Severity::warning);
  CHECK_THAT(owner[0].diagnostic.message,
             Contains("schema app, table app.users") &&
                 Contains("pgsplit's role may not assign objects to it"));
  CHECK_THAT(owner[0].diagnostic.hint,
             Contains("GRANT app_owner TO") && Contains("options.owners: connecting_role"));
  const auto grantee = findings_with(plan, "granted to role reader");
  REQUIRE(grantee.size() == 1);
  CHECK(grantee[0].severity == Severity::warning);
  CHECK_THAT(grantee[0].diagnostic.hint, Contains("CREATE ROLE reader"));
  const auto policy = findings_with(plan, "policy own_rows on table app.users names role tenant");
  REQUIRE(policy.size() == 1);
  CHECK(policy[0].severity == Severity::error);
  CHECK(plan.targets[0].unassignable_owners == std::vector<std::string>{"app_owner"});
  CHECK(plan.targets[0].missing_roles == std::vector<std::string>{"reader"});
}

TEST_CASE("without superuser, a schema owner lacking CREATE on the target database is reported "
          "with its objects",
          "[plan][roles]") {
  RolesFixture fixture;
  fixture.roles({{"app_owner", true, false}, {"reader", false, false}, {"tenant", false, false}});
  const auto plan = fixture.checked();
  CHECK_THAT(messages(plan, Severity::warning),
             Contains("role app_owner may not own schema app in target auth: it has no CREATE "
                      "privilege on the target database") &&
                 Contains("role app_owner may not own table app.users in target auth: it will "
                          "have no CREATE privilege on schema app there"));
  CHECK(count_of(plan, Severity::error) == 0);
}

TEST_CASE("options.owners: connecting_role and options.privileges: none silence their warnings, "
          "not the policies' error",
          "[plan][roles]") {
  RolesFixture fixture("{owners: connecting_role, privileges: none}");
  fixture.roles({});
  const auto plan = fixture.checked();
  CHECK(count_of(plan, Severity::warning) == 0);
  CHECK(count_of(plan, Severity::error) == 1);
  CHECK_FALSE(plan.targets[0].keep_owners);
  CHECK_FALSE(plan.targets[0].keep_privileges);
}

TEST_CASE("objects only a superuser may create are a plan error when pgsplit's role is not one",
          "[plan][roles]") {
  RolesFixture fixture;
  auto& catalog = fixture.builder.edit();
  const auto users = catalog.tables.at(0).oid;
  auto& opclass = fixture.builder.next_oid(70000).add_object(
      catalog::ObjectKind::operator_class, "app", "ci_ops", {{"method", "btree"}});
  auto& coercion = fixture.builder.add_object(catalog::ObjectKind::cast, "", "app.code AS text",
                                              {{"method", "b"}});
  auto& collation = fixture.builder.add_object(catalog::ObjectKind::collation, "app", "ci");
  for (const auto* object : {&opclass, &coercion, &collation}) {
    fixture.builder.depends({catalog::ObjectKind::table, users}, {object->kind, object->oid});
  }
  fixture.plan = plan::build_plan(fixture.mapping, fixture.builder.catalog());
  REQUIRE(fixture.plan.targets.at(0).objects.size() == 3);
  const std::vector<plan::TargetRole> roles{
      {"app_owner", true, true}, {"reader", false, false}, {"tenant", false, false}};

  SECTION("a superuser creates them") {
    fixture.roles(roles, true);
    CHECK(fixture.checked().findings.empty());
  }
  SECTION("another role gets one error naming them, not the collation") {
    fixture.roles(roles, false);
    const auto plan = fixture.checked();
    const auto errors = messages(plan, Severity::error);
    CHECK(count_of(plan, Severity::error) == 1);
    CHECK_THAT(errors, Contains("operator class app.ci_ops, cast (app.code AS text) can only "
                                "be created by a superuser"));
    CHECK_THAT(errors, !Contains("collation"));
  }
}
