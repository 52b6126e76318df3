#include <pgsplit/verify/access_descriptions.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::verify::detail;

TEST_CASE("privileges read as sentences: grantee, column, grant option, revoke, owner",
          "[verify]") {
  CHECK(describe(catalog::Privilege{.grantee = "reader", .privilege = "SELECT"}) ==
        "SELECT granted to reader");
  CHECK(describe(catalog::Privilege{
            .grantee = "writer", .privilege = "UPDATE", .grantable = true, .column = "note"}) ==
        "UPDATE (note) granted to writer with grant option");
  CHECK(describe(catalog::Privilege{.privilege = "EXECUTE", .revoke = true}) ==
        "EXECUTE revoked from PUBLIC");
  CHECK(describe(
            catalog::Privilege{.grantee = "app_owner", .to_owner = true, .privilege = "DELETE"}) ==
        "DELETE granted to the owner");
  const catalog::Access access{
      "app_owner",
      {{.grantee = "a", .privilege = "SELECT"}, {.grantee = "a", .privilege = "SELECT"}}};
  CHECK(privileges_of(access) == Descriptions{"SELECT granted to a"});
}

TEST_CASE("default privileges read as sentences, only for the kinds pgsplit sets", "[verify]") {
  CHECK(describe(catalog::DefaultPrivilege{
            .role = "app_owner", .object_type = 'S', .privilege = "USAGE"}) ==
        "of role app_owner on sequences: USAGE granted to PUBLIC");
  CHECK(describe(catalog::DefaultPrivilege{.role = "r", .object_type = 'n', .privilege = "USAGE"})
            .empty());
}

TEST_CASE("policies read as sentences, their expressions without needless quotes", "[verify]") {
  const catalog::Policy policy{
      .name = "own", .permissive = false, .command = "UPDATE", .roles = {"reader", "writer"}};
  CHECK(
      describe(policy, std::string("(\"tenant\" = \"Odd Name\")"), std::string("true")) ==
      "restrictive for UPDATE to reader, writer using ((tenant = \"Odd Name\")) with check (true)");
  CHECK(without_needless_quotes("\"app\".\"orders\".\"x1\" = \"Y\"") == "app.orders.x1 = \"Y\"");
  CHECK(without_needless_quotes("\"9lives\" || \"unclosed") == "\"9lives\" || \"unclosed");
}
