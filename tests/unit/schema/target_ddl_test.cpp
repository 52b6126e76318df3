#include "unit/schema/ddl_fixture.hpp"

#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/plan/build_plan.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing::schema_ddl;
using catalog::ObjectKind;
using Catch::Matchers::Contains;

namespace {

const char* rename_mapping = R"(
source: {url: "postgresql://src/m"}
targets:
  crm:
    url: "postgresql://h/crm"
    tables:
      - name: customers
        rename: crm.clients
      - orders
  billing: {url: "postgresql://h/b", tables: [invoices]}
)";

catalog::Constraint foreign_key(catalog::Oid oid, const std::string& name, catalog::Oid parent,
                                const std::string& definition) {
  catalog::Constraint key;
  key.oid = oid;
  key.name = name;
  key.kind = catalog::ConstraintKind::foreign_key;
  key.definition = definition;
  key.referenced_table = parent;
  return key;
}

// customers (renamed crm.clients by the mapping) and orders in target crm, invoices in billing;
// a view over customers and orders, another spanning customers and invoices.
struct RenameFixture {
  DdlFixture fixture;
  plan::Plan plan;

  RenameFixture() {
    auto& customers = fixture.table("public", "customers", false);
    customers.columns = {DdlFixture::column("id", "integer", 1, true),
                         DdlFixture::column("name", "text", 2)};
    customers.comment = "who pays";
    catalog::Index lower;
    lower.name = "customers_lower";
    lower.definition = "CREATE INDEX customers_lower ON public.customers USING btree (lower(name))";
    customers.indexes = {lower};
    customers.triggers = {{1, "customers_touch",
                           "CREATE TRIGGER customers_touch BEFORE UPDATE ON public.customers FOR "
                           "EACH ROW EXECUTE FUNCTION public.touch()",
                           2, true, false}};
    const auto customers_oid = customers.oid;
    auto& orders = fixture.table("public", "orders", false);
    orders.columns = {DdlFixture::column("id", "integer", 1, true)};
    orders.constraints = {foreign_key(10, "orders_customer_fk", customers_oid,
                                      "FOREIGN KEY (customer_id) REFERENCES public.customers(id)")};
    auto& invoices = fixture.table("public", "invoices", false);
    invoices.columns = {DdlFixture::column("id", "integer", 1, true)};
    invoices.constraints = {
        foreign_key(11, "invoices_customer_fk", customers_oid,
                    "FOREIGN KEY (customer_id) REFERENCES public.customers(id)")};
    const auto orders_oid = orders.oid;
    const auto invoices_oid = invoices.oid;
    const auto inside =
        fixture
            .view("customer_orders", " SELECT customers.name,\n    o.id\n   FROM public.customers\n"
                                     "     JOIN public.orders o ON o.customer_id = customers.id;")
            .oid;
    const auto spanning =
        fixture
            .view("customer_invoices", " SELECT i.id\n   FROM public.customers c\n"
                                       "     JOIN public.invoices i ON i.customer_id = c.id;")
            .oid;
    fixture.depends({ObjectKind::table, orders_oid}, {ObjectKind::table, customers_oid});
    fixture.depends({ObjectKind::table, invoices_oid}, {ObjectKind::table, customers_oid});
    fixture.depends({ObjectKind::view, inside}, {ObjectKind::table, customers_oid});
    fixture.depends({ObjectKind::view, inside}, {ObjectKind::table, orders_oid});
    fixture.depends({ObjectKind::view, spanning}, {ObjectKind::table, customers_oid});
    fixture.depends({ObjectKind::view, spanning}, {ObjectKind::table, invoices_oid});
    const auto mapping =
        config::parse_mapping(rename_mapping, "/work/pgsplit.yaml", config::fixed_environment({}));
    plan = plan::build_plan(mapping, fixture.catalog);
  }

  schema::TargetDdl generate(const std::string& target) const {
    return schema::generate_target_ddl(fixture.catalog, *plan.find_target(target));
  }
};

} // namespace

TEST_CASE("a renamed table is created, indexed, triggered and referenced by its new name",
          "[schema]") {
  const RenameFixture fixture;
  REQUIRE_FALSE(fixture.plan.has_errors());
  const auto ddl = fixture.generate("crm");
  const auto pre = sql_of(ddl.pre_data);
  CHECK(
      pre ==
      std::vector<std::string>{
          R"(CREATE SCHEMA IF NOT EXISTS "crm")",
          "CREATE TABLE \"crm\".\"clients\" (\n    \"id\" integer NOT NULL,\n    \"name\" text\n)",
          R"(COMMENT ON TABLE "crm"."clients" IS 'who pays')",
          "CREATE TABLE \"public\".\"orders\" (\n    \"id\" integer NOT NULL\n)"});
  CHECK(post_data_of(ddl, "crm.clients") ==
        std::vector<std::string>{
            R"(CREATE INDEX customers_lower ON "crm"."clients" USING btree (lower(name)))",
            "CREATE TRIGGER customers_touch BEFORE UPDATE ON \"crm\".\"clients\" FOR EACH ROW "
            "EXECUTE FUNCTION public.touch()"});
  CHECK(
      foreign_keys_of(ddl) ==
      std::vector<std::string>{
          R"(ALTER TABLE "public"."orders" ADD CONSTRAINT "orders_customer_fk" FOREIGN KEY (customer_id) REFERENCES "crm"."clients"(id))"});
}

TEST_CASE("a view reading a renamed table is created with rewritten references", "[schema]") {
  const RenameFixture fixture;
  const auto ddl = fixture.generate("crm");
  CHECK(
      sql_of(ddl.views) ==
      std::vector<std::string>{
          "CREATE VIEW \"public\".\"customer_orders\" AS\n SELECT customers.name,\n    o.id\n"
          "   FROM \"crm\".\"clients\" \"customers\"\n     JOIN public.orders o ON o.customer_id = "
          "customers.id"});
  REQUIRE(ddl.notes.size() == 1);
  CHECK_THAT(ddl.notes[0], Contains("view public.customer_orders reads renamed tables"));
}

TEST_CASE("cross-target keys and spanning views are left out of the other target", "[schema]") {
  const RenameFixture fixture;
  const auto ddl = fixture.generate("billing");
  CHECK(ddl.foreign_keys.empty());
  CHECK(ddl.views.empty());
  REQUIRE(fixture.plan.views_left_behind.size() == 1);
  CHECK(fixture.plan.views_left_behind[0].name.name == "customer_invoices");
}

TEST_CASE("pre-data order: schemas, extensions, setting, sequences, routines, tables, "
          "late functions, ownership",
          "[schema]") {
  DdlFixture fixture;
  fixture.builder.schema("app");
  fixture.target.schemas = {"app", "public"};
  fixture.target.extensions = {fixture.builder.extension("pgcrypto", "public", "1.3").oid};
  auto& users = fixture.table("public", "users");
  users.columns = {DdlFixture::column("id", "integer", 1, true)};
  auto& serial = fixture.sequence("users_id_seq");
  serial.owner_table = users.oid;
  serial.owner_column = "id";
  fixture.type("status", catalog::TypeKind::enumeration);
  fixture.function("touch", "CREATE OR REPLACE FUNCTION public.touch()");
  const auto label = fixture.function("label", "CREATE FUNCTION public.label(public.users)").oid;
  fixture.depends({ObjectKind::function, label}, {ObjectKind::table, users.oid});
  const auto sql = sql_of(fixture.generate().pre_data);
  const std::vector<std::string> expected_order = {
      "CREATE SCHEMA",   "CREATE EXTENSION", "SET check_function_bodies",
      "CREATE SEQUENCE", "CREATE TYPE",      "public.touch()",
      "CREATE TABLE",    "public.label(",    "OWNED BY"};
  REQUIRE(sql.size() == expected_order.size());
  for (std::size_t index = 0; index < sql.size(); ++index) {
    CHECK_THAT(sql[index], Contains(expected_order[index]));
  }
}
