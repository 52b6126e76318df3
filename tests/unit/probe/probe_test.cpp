#include "unit/plan/catalog_builder.hpp"

#include <pgsplit/plan/build_plan.hpp>
#include <pgsplit/probe/probe.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;

// The planner names no connection itself (it is pure); the descriptions come from here, and
// never carry the password.
TEST_CASE("connections are described without password for the plan's reports", "[probe]") {
  CatalogBuilder catalog;
  catalog.table("public", "users", 10);
  catalog.table("public", "invoices", 10);
  const auto mapping = mapping_from(R"(
source: {url: "postgresql://u:pw@src/monolith"}
targets:
  auth: {url: "postgresql://u:secret@h/auth", tables: [users]}
  billing: {url: "host=h dbname=billing password=hidden", tables: [invoices]}
)");
  auto plan = plan::build_plan(mapping, catalog.catalog());
  CHECK(plan.source_description.empty()); // the planner leaves it
  probe::describe_connections(plan, mapping);
  CHECK(plan.source_description == "postgresql://u:***@src/monolith");
  CHECK(plan.find_target("auth")->url_description == "postgresql://u:***@h/auth");
  const auto billing = plan.find_target("billing")->url_description;
  CHECK(billing.find("hidden") == std::string::npos);
  CHECK(billing.find("billing") != std::string::npos);
}
