#include "support/catalog_builder.hpp"
#include "unit/plan/test_helpers.hpp"

#include <pgsplit/plan/build_plan.hpp>
#include <pgsplit/plan/projection.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace pgsplit;
using namespace pgsplit::testing;
using catalog::ColumnUseKind;
using catalog::ConstraintKind;
using Catch::Matchers::Contains;
using plan::Severity;

namespace {

catalog::Constraint& primary_key(CatalogBuilder& builder, catalog::Table& table,
                                 std::vector<std::string> columns) {
  catalog::Constraint key;
  key.oid = 90000 + static_cast<catalog::Oid>(builder.catalog().tables.size() * 10 +
                                              table.constraints.size());
  key.name = table.name.name + "_pkey";
  key.kind = ConstraintKind::primary_key;
  key.columns = std::move(columns);
  table.constraints.push_back(std::move(key));
  return table.constraints.back();
}

// products (id, legacy_flag, ean, price_cents) in catalog, orders and stock referencing it from
// sales and warehouse.
struct Shop {
  CatalogBuilder builder;
  catalog::Table* products = nullptr;

  Shop() {
    products = &builder.table("public", "products");
    products->columns.push_back(CatalogBuilder::column("legacy_flag", "boolean", 2));
    products->columns.push_back(CatalogBuilder::column("ean", "double precision", 3));
    products->columns.push_back(CatalogBuilder::column("price_cents", "integer", 4));
    products->columns[0].default_expression = "nextval('products_id_seq'::regclass)";
    products->columns[0].used_by.push_back({ColumnUseKind::default_value, 1, "default"});
    const auto& key = primary_key(builder, *products, {"id"});
    products->columns[0].used_by.push_back({ColumnUseKind::constraint, key.oid, "products_pkey"});
    products->columns[0].used_by.push_back({ColumnUseKind::index, 2, "products_pkey"});
    for (const auto* name : {"orders", "stock"}) {
      auto& child = builder.table("public", name);
      child.columns.push_back(CatalogBuilder::column("products_id", "integer", 2));
      builder.foreign_key(name, "products");
      const auto& fk = builder.catalog().find_table(child.oid)->constraints.back();
      child.columns[1].used_by.push_back({ColumnUseKind::constraint, fk.oid, fk.name});
      child.columns[1].used_by.push_back({ColumnUseKind::index, 3, std::string(name) + "_idx"});
      products->columns[0].used_by.push_back({ColumnUseKind::constraint, fk.oid, fk.name});
    }
  }

  plan::Plan plan(const std::string& products_entry, const std::string& options = "") const {
    return plan::build_plan(mapping_from(R"(
source: {url: "postgresql://src/m"}
targets:
  catalog:
    url: "postgresql://h/c"
    tables:
)" + products_entry + R"(
  sales: {url: "postgresql://h/s", tables: [orders]}
  warehouse: {url: "postgresql://h/w", tables: [stock]}
)" + options),
                            builder.catalog());
  }
};

const plan::PlacedTable& placed(const plan::Plan& plan, const std::string& target) {
  return plan.find_target(target)->tables.at(0);
}

} // namespace

TEST_CASE("the runbook's reshaping plans without findings and projects every column", "[plan]") {
  const Shop shop;
  const auto plan = shop.plan(R"yaml(      - name: products
        columns:
          legacy_flag: drop
          ean: {type: text, using: "lpad(ean::bigint::text, 13, '0')"
}
          price_cents: {rename: price_minor}
        key: uuid)yaml");
  CHECK(messages(plan, Severity::error).empty());
  const auto columns = plan::project_columns(*shop.products, placed(plan, "catalog"));
  REQUIRE(columns.size() == 3);
  CHECK(columns[0].name == "id");
  CHECK(columns[0].type == "uuid");
  CHECK(columns[0].expression == plan::key_uuid_expression({"public", "products"}, "\"id\""));
  CHECK(columns[1].name == "ean");
  CHECK(columns[1].type == "text");
  CHECK(columns[1].expression == "CAST((\nlpad(ean::bigint::text, 13, '0')\n) AS text)");
  CHECK(columns[1].converted);
  CHECK(columns[2].source == "price_cents");
  CHECK(columns[2].name == "price_minor");
  CHECK(columns[2].expression == "\"price_cents\"");
  CHECK(columns[2].renamed);
  CHECK_FALSE(columns[2].converted);
}

TEST_CASE("reshaping into tables the services' migrations created is refused", "[plan]") {
  const Shop shop;
  const auto plan = shop.plan("      - {name: products, columns: {legacy_flag: drop}}",
                              "options: {schema: existing}\n");
  CHECK_THAT(messages(plan, Severity::error),
             Contains("options.schema: existing") && Contains("public.products is reshaped"));
  CHECK(
      messages(shop.plan("      - {name: products, columns: {legacy_flag: drop}}"), Severity::error)
          .empty());
}

TEST_CASE("foreign keys to a uuid key become uuids in every target, hashed with the parent's "
          "name",
          "[plan]") {
  const Shop shop;
  const auto plan = shop.plan("      - {name: products, key: uuid}");
  CHECK(messages(plan, Severity::error).empty());
  for (const auto* target : {"sales", "warehouse"}) {
    const auto& child = placed(plan, target);
    REQUIRE(child.uuid_references.size() == 1);
    CHECK(child.uuid_references[0].column == "products_id");
    CHECK(child.uuid_references[0].parent == catalog::QualifiedName{"public", "products"});
    const auto columns =
        plan::project_columns(*shop.builder.catalog().find_table(child.table), child);
    CHECK(columns[1].type == "uuid");
    CHECK(columns[1].expression ==
          plan::key_uuid_expression({"public", "products"}, "\"products_id\""));
  }
}

TEST_CASE("unknown columns are plan errors with a suggestion", "[plan]") {
  const Shop shop;
  const auto plan = shop.plan("      - {name: products, columns: {price_cent: drop}}");
  CHECK_THAT(messages(plan, Severity::error),
             Contains("public.products has no column 'price_cent'; did you mean 'price_cents'?"));
}

TEST_CASE("a dropped or converted column that objects use is a plan error naming each", "[plan]") {
  Shop shop;
  auto& flag = shop.products->columns[1];
  flag.used_by.push_back({ColumnUseKind::index, 7, "products_legacy_idx"});
  flag.used_by.push_back({ColumnUseKind::trigger, 8, "products_audit"});
  flag.used_by.push_back({ColumnUseKind::default_value, 9, "default"}); // its own: goes along
  auto& ean = shop.products->columns[2];
  ean.used_by.push_back({ColumnUseKind::constraint, 10, "products_ean_check"});
  ean.used_by.push_back({ColumnUseKind::generated_column, 11, "ean_text"});
  const auto plan = shop.plan("      - {name: products, columns: {legacy_flag: drop, "
                              "ean: {type: text}, price_cents: {rename: price}}}");
  const auto errors = messages(plan, Severity::error);
  CHECK_THAT(errors, Contains("column legacy_flag of public.products is dropped, but 2 use it: "
                              "index products_legacy_idx, trigger products_audit"));
  CHECK_THAT(errors, Contains("column ean of public.products is converted, but 2 use it: "
                              "constraint products_ean_check, generated column ean_text"));
  CHECK(count_of(plan, Severity::error) == 2);
}

TEST_CASE("a view left behind does not stop a drop but a view the target keeps does", "[plan]") {
  Shop shop;
  const auto view = shop.builder.view("product_list", {"products"});
  shop.products->columns[1].used_by.push_back({ColumnUseKind::view, view, "public.product_list"});
  shop.builder.view("order_products", {"orders", "products"}); // keeps nothing in place
  auto kept = shop.plan("      - {name: products, columns: {legacy_flag: drop}}");
  CHECK_THAT(messages(kept, Severity::error), Contains("but 1 uses it: view public.product_list"));
  shop.products->columns[1].used_by.back().object = 1; // a view no target keeps
  const auto behind = shop.plan("      - {name: products, columns: {legacy_flag: drop}}");
  CHECK(messages(behind, Severity::error).empty());
}

TEST_CASE("key: uuid needs one integer primary key column", "[plan]") {
  Shop shop;
  SECTION("composite") {
    shop.products->constraints[0].columns = {"id", "ean"};
    CHECK_THAT(messages(shop.plan("      - {name: products, key: uuid}"), Severity::error),
               Contains("key: uuid needs a single-column primary key, and the key of "
                        "public.products has 2 columns (id, ean)"));
  }
  SECTION("not an integer") {
    shop.products->columns[0].type = "text";
    CHECK_THAT(messages(shop.plan("      - {name: products, key: uuid}"), Severity::error),
               Contains("the key id of public.products is text"));
  }
  SECTION("none") {
    shop.products->constraints.clear();
    CHECK_THAT(messages(shop.plan("      - {name: products, key: uuid}"), Severity::error),
               Contains("key: uuid needs a primary key, and public.products has none"));
  }
  SECTION("used by a check constraint") {
    shop.products->columns[0].used_by.push_back(
        {ColumnUseKind::constraint, 4242, "products_id_check"});
    CHECK_THAT(messages(shop.plan("      - {name: products, key: uuid}"), Severity::error),
               Contains("the key id of public.products becomes a uuid, but 1 uses it: "
                        "constraint products_id_check"));
  }
}

TEST_CASE("renamed columns must not collide", "[plan]") {
  const Shop shop;
  const auto plan = shop.plan("      - {name: products, columns: {price_cents: {rename: ean}}}");
  CHECK_THAT(messages(plan, Severity::error),
             Contains("two columns of public.products would be named ean in the target"));
}

TEST_CASE("the uuid of a key is RFC 4122 version 3 computed with md5() alone", "[plan]") {
  const auto sql = plan::key_uuid_expression({"app", "it's"}, "\"id\"");
  CHECK(sql == "overlay(overlay(md5(decode('7d09d5fec0875dce82aa00bf9266cd8b', 'hex') || "
               "convert_to('app.it''s:' || (\"id\")::text, 'UTF8')) placing '3' from 13 for 1) "
               "placing substr('89ab89ab89ab89ab', strpos('0123456789abcdef', "
               "substr(md5(decode('7d09d5fec0875dce82aa00bf9266cd8b', 'hex') || "
               "convert_to('app.it''s:' || (\"id\")::text, 'UTF8')), 17, 1)), 1) from 17 for "
               "1)::uuid");
  CHECK(plan::key_uuid_prefix({"public", "products"}) == "public.products:");
}

TEST_CASE("a uuid key referenced together with other columns in its own target is a plan "
          "error, unless the entry drops that foreign key",
          "[plan]") {
  Shop shop;
  auto& tables = shop.builder.edit().tables;
  auto& orders = *std::find_if(tables.begin(), tables.end(), [](const catalog::Table& table) {
    return table.name.name == "orders";
  });
  auto& composite = orders.constraints.back();
  composite.name = "orders_product_fkey";
  composite.columns = {"products_id", "tenant"};
  composite.referenced_columns = {"id", "tenant"};
  const auto plan_with = [&](const std::string& orders_entry) {
    return plan::build_plan(mapping_from(R"(
source: {url: "postgresql://src/m"}
targets:
  catalog: {url: "postgresql://h/c", tables: [{name: products, key: uuid}, )" +
                                         orders_entry + R"(]}
  warehouse: {url: "postgresql://h/w", tables: [stock]}
)"),
                            shop.builder.catalog());
  };
  CHECK_THAT(messages(plan_with("orders"), Severity::error),
             Contains("foreign key orders_product_fkey of public.orders references the key of "
                      "public.products, which becomes a uuid, together with other columns"));
  CHECK_THAT(messages(plan_with("{name: orders, drop_foreign_keys: [orders_product_fkey]}"),
                      Severity::error),
             !Contains("orders_product_fkey"));
  // In another target the key is not created: no error (Shop places orders in sales).
  CHECK_THAT(messages(shop.plan("      - {name: products, key: uuid}"), Severity::error),
             !Contains("orders_product_fkey"));
}

TEST_CASE("a foreign key of another target's table is not a use of the column it references",
          "[plan]") {
  Shop shop;
  shop.products->columns.push_back(CatalogBuilder::column("code", "text", 5));
  auto& tables = shop.builder.edit().tables;
  auto& orders = *std::find_if(tables.begin(), tables.end(), [](const catalog::Table& table) {
    return table.name.name == "orders";
  });
  const auto& key = shop.builder.add_foreign_key(orders, "orders_code_fkey", {"code"},
                                                 shop.products->oid, {"code"});
  shop.products->columns.back().used_by.push_back(
      {ColumnUseKind::constraint, key.oid, "orders_code_fkey"});
  // orders is in target sales: its key to catalog's products is not created there.
  const auto apart = shop.plan("      - {name: products, columns: {code: {type: \"varchar\"}}}");
  CHECK(messages(apart, Severity::error).empty());
  // With orders in the same target, the key is created: the conversion is refused.
  const auto together = plan::build_plan(mapping_from(R"(
source: {url: "postgresql://src/m"}
targets:
  catalog:
    url: "postgresql://h/c"
    tables: [{name: products, columns: {code: {type: varchar}}}, orders]
  warehouse: {url: "postgresql://h/w", tables: [stock]}
)"),
                                         shop.builder.catalog());
  CHECK_THAT(messages(together, Severity::error),
             Contains("column code of public.products is converted, but 1 uses it: constraint "
                      "orders_code_fkey"));
}
