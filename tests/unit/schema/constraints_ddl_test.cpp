#include "unit/schema/ddl_fixture.hpp"

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing::schema_ddl;
using catalog::ConstraintKind;

namespace {

catalog::Constraint constraint(catalog::Oid oid, const std::string& name, ConstraintKind kind,
                               const std::string& definition) {
  catalog::Constraint constraint;
  constraint.oid = oid;
  constraint.name = name;
  constraint.kind = kind;
  constraint.definition = definition;
  return constraint;
}

catalog::Constraint foreign_key(catalog::Oid oid, const std::string& name,
                                const std::string& definition, catalog::Oid parent) {
  auto key = constraint(oid, name, ConstraintKind::foreign_key, definition);
  key.referenced_table = parent;
  return key;
}

} // namespace

TEST_CASE("checks keep NOT VALID, exclusion constraints come from their definition", "[schema]") {
  DdlFixture fixture;
  auto& orders = fixture.table("public", "orders");
  orders.constraints = {
      constraint(1, "orders_no_overlap", ConstraintKind::exclusion,
                 "EXCLUDE USING gist (span WITH &&)"),
      constraint(2, "orders_positive", ConstraintKind::check, "CHECK ((id > 0))"),
      constraint(3, "orders_total_check", ConstraintKind::check,
                 "CHECK ((total < 1000000)) NOT VALID"),
      constraint(4, "orders_legacy", ConstraintKind::check, "CHECK ((legacy IS NULL))"),
      constraint(5, "orders_inherited", ConstraintKind::check, "CHECK ((x > 0))")};
  orders.constraints[2].validated = false;
  orders.constraints[3].validated = false; // NOT VALID is added when the text lacks it
  orders.constraints[4].is_local = false;  // created by the parent's
  orders.constraints[1].comment = "no zero";
  CHECK(
      post_data_of(fixture.generate(), "public.orders") ==
      std::vector<std::string>{
          R"(ALTER TABLE "public"."orders" ADD CONSTRAINT "orders_no_overlap" EXCLUDE USING gist (span WITH &&))",
          R"(ALTER TABLE "public"."orders" ADD CONSTRAINT "orders_positive" CHECK ((id > 0)))",
          R"(COMMENT ON CONSTRAINT "orders_positive" ON "public"."orders" IS 'no zero')",
          R"(ALTER TABLE "public"."orders" ADD CONSTRAINT "orders_total_check" CHECK ((total < 1000000)) NOT VALID)",
          R"(ALTER TABLE "public"."orders" ADD CONSTRAINT "orders_legacy" CHECK ((legacy IS NULL)) NOT VALID)"});
}

TEST_CASE("foreign keys inside the target keep DEFERRABLE and NOT VALID", "[schema]") {
  DdlFixture fixture;
  const auto customers = fixture.table("public", "customers").oid;
  const auto invoices = fixture.table("public", "invoices", false).oid; // another target's
  auto& orders = fixture.table("public", "orders");
  orders.constraints = {
      foreign_key(
          1, "orders_customer_fk",
          "FOREIGN KEY (customer_id) REFERENCES public.customers(id) DEFERRABLE INITIALLY DEFERRED",
          customers),
      foreign_key(2, "orders_invoice_fk", "FOREIGN KEY (invoice_id) REFERENCES public.invoices(id)",
                  invoices),
      foreign_key(3, "orders_self_fk",
                  "FOREIGN KEY (parent_id) REFERENCES public.orders(id) NOT VALID", orders.oid),
      foreign_key(4, "orders_dropped_fk", "FOREIGN KEY (x) REFERENCES public.customers(id)",
                  customers),
      foreign_key(5, "orders_clone_fk", "FOREIGN KEY (y) REFERENCES public.customers(id)",
                  customers)};
  orders.constraints[0].deferrable = true;
  orders.constraints[0].deferred = true;
  orders.constraints[0].comment = "owner";
  orders.constraints[2].validated = false;
  orders.constraints[4].is_local = false;
  plan::CrossTargetForeignKey dropped;
  dropped.constraint = 4;
  fixture.target.dropped_foreign_keys = {dropped};
  const auto ddl = fixture.generate();
  CHECK(
      foreign_keys_of(ddl) ==
      std::vector<std::string>{
          R"(ALTER TABLE "public"."orders" ADD CONSTRAINT "orders_customer_fk" FOREIGN KEY (customer_id) REFERENCES public.customers(id) DEFERRABLE INITIALLY DEFERRED)",
          R"(COMMENT ON CONSTRAINT "orders_customer_fk" ON "public"."orders" IS 'owner')",
          R"(ALTER TABLE "public"."orders" ADD CONSTRAINT "orders_self_fk" FOREIGN KEY (parent_id) REFERENCES public.orders(id) NOT VALID)"});
  REQUIRE(ddl.foreign_keys.size() == 3);
  CHECK(ddl.foreign_keys[0].child_table == orders.oid);
  CHECK(ddl.foreign_keys[0].parent_table == customers);
  CHECK(ddl.foreign_keys[0].statement.what == "foreign key orders_customer_fk on public.orders");
  CHECK(post_data_of(ddl, "public.orders").empty()); // foreign keys are never post-data
}
