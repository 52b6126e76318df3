#include <pgsplit/verify/policy_parity.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::verify::detail;
using Catch::Matchers::Contains;

namespace {

catalog::Table table_with_policy(std::string using_sql) {
  catalog::Table table;
  table.name = {"app", "orders"};
  table.row_security = true;
  table.policies = {{.name = "own_rows",
                     .command = "SELECT",
                     .roles = {"reader"},
                     .using_expression = std::move(using_sql)}};
  return table;
}

} // namespace

TEST_CASE("row security parity: equal tables have no difference", "[verify]") {
  const auto table = table_with_policy("(tenant = current_user)");
  CHECK(row_security_differences(table, table, {}).empty());
}

TEST_CASE("row security parity names the flags, and a changed, missing or extra policy",
          "[verify]") {
  const auto source = table_with_policy("(tenant = current_user)");
  auto copy = table_with_policy("true");
  copy.row_security = false;
  copy.force_row_security = true;
  copy.policies.push_back({.name = "extra", .command = "ALL", .roles = {"public"}});
  auto differences = row_security_differences(source, copy, {});
  REQUIRE(differences.size() == 4);
  CHECK(differences[0] == "row-level security is off in the target, on in the source");
  CHECK(differences[1] == "FORCE ROW LEVEL SECURITY is on in the target, off in the source");
  CHECK_THAT(differences[2], Contains("policy own_rows is permissive for SELECT to reader using "
                                      "(true) in the target"));
  CHECK_THAT(differences[3], Contains("policy extra") && Contains("not in the source"));
  copy.policies.clear();
  differences = row_security_differences(source, copy, {});
  CHECK_THAT(differences.back(), Contains("policy own_rows") && Contains("missing"));
}

TEST_CASE("row security parity reads the source's expressions with renamed tables", "[verify]") {
  const auto source = table_with_policy("(EXISTS ( SELECT 1 FROM app.members m))");
  const auto copy = table_with_policy("(EXISTS ( SELECT 1 FROM app.team_members m))");
  schema::detail::Renames renames;
  renames.set({"app", "members"}, {"app", "team_members"});
  CHECK(row_security_differences(source, copy, renames).empty());
  CHECK(row_security_differences(source, copy, {}).size() == 1);
}

TEST_CASE("row security parity reads the source's expressions with renamed columns", "[verify]") {
  const auto source = table_with_policy("(tenant_code = current_user)");
  const auto copy = table_with_policy("(tenant = current_user)");
  schema::detail::Renames renames;
  renames.set_columns({"app", "orders"}, {{"tenant_code", "tenant"}});
  CHECK(row_security_differences(source, copy, renames).empty());
  CHECK(row_security_differences(source, copy, {}).size() == 1);
}
