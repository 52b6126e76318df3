#include "support/catalog_builder.hpp"

#include <pgsplit/verify/access_parity.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::verify;

namespace {

catalog::Privilege grant(std::optional<std::string> grantee, std::string privilege,
                         std::optional<std::string> column = std::nullopt) {
  return {.grantee = std::move(grantee), .privilege = std::move(privilege), .column = column};
}

// Schema app owned by app_owner (as are its objects), table app.orders with a grant, a column
// grant and a policy, sequence app.orders_id_seq owned by its id column, function app.total()
// with EXECUTE revoked from PUBLIC, enum app.mood, view app.recent.
void add_objects(testing::CatalogBuilder& builder, catalog::QualifiedName table_name) {
  auto& schema = builder.schema(table_name.schema);
  schema.access = {"app_owner", {grant("reader", "USAGE")}};
  schema.default_privileges = {
      {.role = "app_owner", .object_type = 'r', .grantee = "reader", .privilege = "SELECT"}};
  auto& table = builder.next_oid(10).bare_table(table_name.schema, table_name.name);
  table.access = {"app_owner", {grant("reader", "SELECT"), grant("writer", "UPDATE", "note")}};
  table.row_security = true;
  table.policies = {{.name = "own_rows",
                     .command = "SELECT",
                     .roles = {"reader"},
                     .using_expression = "(tenant = current_user)"}};
  auto& sequence = builder.next_oid(20).add_sequence(table_name.schema, "orders_id_seq");
  sequence.owner_table = 10;
  sequence.owner_column = "id";
  sequence.access = {"app_owner", {grant("reader", "USAGE")}};
  auto& function = builder.next_oid(30).add_function(table_name.schema, "total");
  function.access = {"app_owner", {{.privilege = "EXECUTE", .revoke = true}}};
  builder.next_oid(40).add_type(table_name.schema, "mood", catalog::TypeKind::enumeration).access =
      {"app_owner", {}};
  builder.next_oid(50).add_view(table_name.schema, "recent").access = {"app_owner", {}};
}

struct Fixture {
  testing::CatalogBuilder sources;
  testing::CatalogBuilder targets;
  catalog::Catalog& source = sources.edit();
  catalog::Catalog& target = targets.edit();
  plan::TargetPlan plan;
  std::string connecting_role = "pgsplit";

  Fixture() {
    add_objects(sources, {"app", "orders"});
    add_objects(targets, {"app", "orders"});
    plan.name = "shop";
    plan.schemas = {"app"};
    plan.tables.push_back(
        {.table = 10, .source_name = {"app", "orders"}, .target_name = {"app", "orders"}});
    plan.sequences = {20};
    plan.functions = {30};
    plan.types = {40};
    plan.views = {50};
    plan.connecting_as_superuser = true;
  }
  Fixture(const Fixture&) = delete;
  Fixture& operator=(const Fixture&) = delete;

  catalog::Table& copied() { return target.tables.front(); }

  // "object: message" of each finding.
  std::vector<std::string> messages() const {
    std::vector<Finding> findings;
    compare_access(source, plan, target, connecting_role, findings);
    std::vector<std::string> found;
    for (const auto& finding : findings) {
      CHECK(finding.check == CheckKind::schema);
      CHECK(finding.outcome == Outcome::mismatch);
      CHECK(finding.target == "shop");
      found.push_back(finding.object + ": " + finding.message);
    }
    return found;
  }
};

} // namespace

TEST_CASE("access parity holds for owners, grants, row-level security and policies carried",
          "[verify]") {
  Fixture fixture;
  CHECK(fixture.messages().empty());
}

TEST_CASE("access parity names a changed owner, a missing and an extra privilege", "[verify]") {
  Fixture fixture;
  auto& copied = fixture.copied();
  copied.access.owner = "intruder";
  copied.access.privileges.erase(copied.access.privileges.begin());
  copied.access.privileges.push_back(grant(std::nullopt, "DELETE"));
  fixture.target.functions.front().access.privileges.clear();
  fixture.target.schemas.back().default_privileges.clear();
  CHECK(fixture.messages() ==
        std::vector<std::string>{
            "schema app: default privilege of role app_owner on tables: SELECT granted to reader "
            "is missing in the target",
            "function app.total(): privilege EXECUTE revoked from PUBLIC is missing in the target",
            "app.orders: owned by intruder in the target, app_owner expected",
            "app.orders: privilege SELECT granted to reader is missing in the target",
            "app.orders: privilege DELETE granted to PUBLIC is in the target, not carried from "
            "the source"});
}

TEST_CASE("access parity names row-level security flags and policies that differ", "[verify]") {
  Fixture fixture;
  auto& copied = fixture.copied();
  copied.row_security = false;
  copied.force_row_security = true;
  copied.policies.front().roles = {"public"};
  copied.policies.push_back({.name = "open", .command = "ALL", .roles = {"public"}});
  CHECK(fixture.messages() ==
        std::vector<std::string>{
            "app.orders: row-level security is off in the target, on in the source",
            "app.orders: FORCE ROW LEVEL SECURITY is on in the target, off in the source",
            "app.orders: policy own_rows is permissive for SELECT to public using ((tenant = "
            "current_user)) in the target, permissive for SELECT to reader using ((tenant = "
            "current_user)) in the source",
            "app.orders: policy open (permissive for ALL to public) is in the target, not in the "
            "source"});
  copied.policies.clear();
  CHECK(fixture.messages().back() == "app.orders: policy own_rows (permissive for SELECT to reader "
                                     "using ((tenant = current_user))) is missing in the target");
}

TEST_CASE("access parity expects what the split carries: no owners, no grants, missing roles",
          "[verify]") {
  Fixture fixture;
  SECTION("options.owners: connecting_role: every object is the connecting role's") {
    fixture.plan.keep_owners = false;
    CHECK(fixture.messages().size() == 7); // schema, 5 objects, and the default privileges
    for (auto* access :
         {&fixture.target.schemas.back().access, &fixture.copied().access,
          &fixture.target.sequences.front().access, &fixture.target.functions.front().access,
          &fixture.target.types.front().access, &fixture.target.views.front().access}) {
      access->owner = "pgsplit";
    }
    fixture.target.schemas.back().default_privileges.clear();
    CHECK(fixture.messages().empty());
  }
  SECTION("an owner the target server cannot take: the connecting role, named so") {
    fixture.plan.unassignable_owners = {"app_owner"};
    const auto messages = fixture.messages();
    CHECK(std::count(messages.begin(), messages.end(),
                     "app.orders: owned by app_owner in the target, pgsplit expected (the role "
                     "pgsplit connects as)") == 1);
  }
  SECTION("options.privileges: none and grantees the target server lacks") {
    fixture.plan.missing_roles = {"writer"};
    CHECK(fixture.messages() ==
          std::vector<std::string>{"app.orders: privilege UPDATE (note) granted to writer is in "
                                   "the target, not carried from the source"});
    fixture.plan.keep_privileges = false;
    for (auto* access :
         {&fixture.target.schemas.back().access, &fixture.copied().access,
          &fixture.target.sequences.front().access, &fixture.target.functions.front().access}) {
      access->privileges.clear();
    }
    fixture.target.schemas.back().default_privileges.clear();
    CHECK(fixture.messages().empty());
  }
}

TEST_CASE("access parity takes a grant to the role that owns the copy as given by ownership",
          "[verify]") {
  Fixture fixture;
  // The source grants SELECT to the role pgsplit connects as, which the target table belongs
  // to: ownership holds that privilege, and no separate entry exists there.
  fixture.plan.unassignable_owners = {"app_owner"};
  fixture.source.tables.front().access.privileges.push_back(grant("pgsplit", "SELECT"));
  fixture.copied().access.owner = "pgsplit";
  CHECK(fixture.messages().empty() == false); // the other objects still belong to app_owner
  for (const auto& message : fixture.messages()) {
    CHECK_FALSE(message.starts_with("app.orders:"));
  }
}

TEST_CASE("access parity follows renamed tables into policy expressions", "[verify]") {
  Fixture fixture;
  fixture.source.tables.front().policies.front().using_expression =
      "(EXISTS (SELECT 1 FROM app.orders o WHERE (o.id = 1)))";
  fixture.plan.tables.front().target_name = {"app", "purchases"};
  auto& copied = fixture.copied();
  copied.name = {"app", "purchases"};
  copied.policies.front().using_expression =
      "(EXISTS (SELECT 1 FROM app.purchases o WHERE (o.id = 1)))";
  CHECK(fixture.messages() == std::vector<std::string>{});
}

TEST_CASE("access parity reports a carried object missing from the target", "[verify]") {
  Fixture fixture;
  fixture.target.functions.clear();
  fixture.target.views.clear();
  CHECK(fixture.messages() ==
        std::vector<std::string>{"function app.total(): the function is missing",
                                 "view app.recent: the view is missing"});
}

TEST_CASE("access parity checks the owner of a created aggregate, not of one left uncreated",
          "[verify]") {
  Fixture fixture;
  for (auto* builder : {&fixture.sources, &fixture.targets}) {
    auto& created = builder->next_oid(60).add_function("app", "total_sum");
    created.kind = 'a';
    created.aggregate = catalog::Aggregate{};
    created.access = {"app_owner", {}};
    auto& uncreated = builder->next_oid(61).add_function("app", "legacy_sum");
    uncreated.kind = 'a';
    uncreated.access = {"app_owner", {}};
  }
  fixture.plan.functions = {30, 60, 61};
  fixture.target.functions.back().access.owner = "intruder"; // legacy_sum: not compared
  CHECK(fixture.messages().empty());
  fixture.target.functions.at(fixture.target.functions.size() - 2).access.owner = "intruder";
  CHECK(fixture.messages() ==
        std::vector<std::string>{"function app.total_sum(): owned by intruder in the target, "
                                 "app_owner expected"});
}
