#include "support/catalog_builder.hpp"

#include <pgsplit/catalog/normalise.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::catalog;
using namespace pgsplit::catalog::detail;

namespace {

Catalog small_catalog() {
  pgsplit::testing::CatalogBuilder builder;
  builder.next_oid(10).bare_table("app", "orders");
  builder.bare_table("app", "customers");
  builder.next_oid(20).add_sequence("app", "orders_id_seq");
  builder.next_oid(30).add_type("app", "status", TypeKind::enumeration);
  return builder.catalog();
}

constexpr ObjectRef orders{ObjectKind::table, 10};
constexpr ObjectRef customers{ObjectKind::table, 11};
constexpr ObjectRef orders_seq{ObjectKind::sequence, 20};
constexpr ObjectRef status{ObjectKind::type, 30};

} // namespace

TEST_CASE("an owned sequence becomes a dependency of its table", "[catalog]") {
  const auto edges = normalise_dependencies({{orders_seq, orders}}, small_catalog());
  REQUIRE(edges.size() == 1);
  CHECK(edges[0].dependent == orders);
  CHECK(edges[0].referenced == orders_seq);
}

TEST_CASE("edges are kept only from catalog objects, without self-edges or duplicates",
          "[catalog]") {
  const ObjectRef elsewhere{ObjectKind::table, 99};
  const ObjectRef extension{ObjectKind::extension, 40};
  const std::vector<Dependency> raw{
      {orders, status},       {orders, customers},    {orders, status},     {elsewhere, orders},
      {customers, customers}, {customers, extension}, {orders, orders_seq}, {orders_seq, orders}};
  const auto edges = normalise_dependencies(raw, small_catalog());
  REQUIRE(edges.size() == 4);
  // Sorted by (dependent, referenced); kinds order as declared (type < sequence < table).
  CHECK(edges[0].dependent == orders);
  CHECK(edges[0].referenced == status);
  CHECK(edges[1].referenced == orders_seq);
  CHECK(edges[2].referenced == customers);
  CHECK(edges[3].dependent == customers);
  CHECK(edges[3].referenced == extension);
}

TEST_CASE("sort_catalog orders lists by schema and name, columns by number", "[catalog]") {
  Catalog catalog = small_catalog();
  catalog.tables[1].columns = {{.name = "b", .number = 2}, {.name = "a", .number = 1}};
  catalog.tables[1].indexes = {{.oid = 2, .name = "z_idx"}, {.oid = 1, .name = "a_idx"}};
  catalog.functions = {{.oid = 2, .name = {"app", "f"}, .identity_arguments = "text"},
                       {.oid = 1, .name = {"app", "f"}, .identity_arguments = "integer"}};
  sort_catalog(catalog);
  CHECK(catalog.tables[0].name.name == "customers");
  CHECK(catalog.tables[0].columns[0].name == "a");
  CHECK(catalog.tables[0].indexes[0].name == "a_idx");
  CHECK(catalog.functions[0].identity_arguments == "integer");
}
