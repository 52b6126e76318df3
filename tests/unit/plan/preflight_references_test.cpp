// The preflight rule for foreign keys whose parent rows a `where` filter leaves out
// (SourceFacts::filtered_references, counted by lib/pgsplit/probe/filtered_references.cpp).
#include "unit/plan/catalog_builder.hpp"
#include "unit/plan/test_helpers.hpp"

#include <pgsplit/plan/build_plan.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;
using Catch::Matchers::Contains;
using plan::Severity;

namespace {

struct Shop {
  CatalogBuilder builder;
  config::Mapping mapping;
  plan::Plan plan;
  plan::Facts facts;

  Shop() {
    builder.table("public", "customers");
    builder.table("public", "orders");
    builder.foreign_key("orders", "customers");
    mapping = mapping_from(R"(
source: {url: "postgresql://src/m"}
targets:
  shop:
    url: "postgresql://h/shop"
    tables: [{name: customers, where: "region = 'eu'"}, orders]
  rest:
    url: "postgresql://h/rest"
    tables: [{name: customers, where: "region <> 'eu'"}]
)");
    plan = plan::build_plan(mapping, builder.catalog());
    plan::TargetFacts healthy;
    healthy.reachable = true;
    healthy.can_create = true;
    healthy.encoding = "UTF8";
    for (const auto* name : {"shop", "rest"}) {
      healthy.target = name;
      facts.targets.push_back(healthy);
    }
  }

  plan::FilteredReference reference(std::int64_t orphans, std::string error = {}) const {
    const auto* orders = builder.catalog().find_table(catalog::QualifiedName{"public", "orders"});
    return {"shop",      orders->constraints.at(0).oid,
            orders->oid, builder.oid_of("public", "customers"),
            orphans,     std::move(error)};
  }

  plan::Plan checked() {
    plan::check_preflight(plan, mapping, builder.catalog(), facts);
    return plan;
  }
};

} // namespace

TEST_CASE("child rows whose parent row is filtered out are a plan error with the ways out",
          "[plan]") {
  Shop shop;
  REQUIRE_FALSE(shop.plan.has_errors());
  shop.facts.source.filtered_references.push_back(shop.reference(3));
  const auto plan = shop.checked();
  REQUIRE(count_of(plan, Severity::error) == 1);
  const auto errors = messages(plan, Severity::error);
  CHECK_THAT(errors, Contains("target shop") && Contains("3 rows of public.orders in target shop "
                                                         "reference rows of public.customers that "
                                                         "its where filter leaves out"));
  CHECK_THAT(errors, Contains("foreign key orders_customers_fkey public.orders(customers_id) → "
                              "public.customers(id)") &&
                         Contains("adding the key after the copy would fail"));
  CHECK_THAT(errors, Contains("filter public.orders the same way") &&
                         Contains("drop_foreign_keys: [orders_customers_fkey]"));
}

TEST_CASE("no orphan rows, no finding, a failed count is an error", "[plan]") {
  Shop clean;
  clean.facts.source.filtered_references.push_back(clean.reference(0));
  CHECK(clean.checked().findings.empty());

  Shop failed;
  failed.facts.source.filtered_references.push_back(failed.reference(0, "division by zero"));
  CHECK_THAT(messages(failed.checked(), Severity::error),
             Contains("cannot check foreign key orders_customers_fkey") &&
                 Contains("division by zero"));
}

TEST_CASE("schema: existing with the source's types everywhere allows a binary copy", "[plan]") {
  Shop shop;
  shop.mapping.options.schema = config::SchemaMode::existing;
  for (auto& facts : shop.facts.targets) {
    facts.existing_tables = {{{"public", "customers"}, false, {{"id", "integer"}}},
                             {{"public", "orders"}, false, {{"id", "bigint"}}}};
  }
  const auto plan = shop.checked();
  const auto& tables = plan.find_target("shop")->tables;
  REQUIRE(tables.size() == 2);
  for (const auto& placed : tables) {
    CHECK(placed.target_types_match == (placed.source_name.name == "customers"));
  }
}
