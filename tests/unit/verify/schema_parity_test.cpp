#include "support/catalog_builder.hpp"

#include <pgsplit/verify/schema_parity.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace pgsplit;
using namespace pgsplit::verify;

namespace {

// app.orders as the source has it, with the given OID, added to `builder`.
catalog::Table& add_orders(testing::CatalogBuilder& builder, catalog::QualifiedName name,
                           catalog::Oid oid) {
  catalog::Table& table = builder.next_oid(oid).bare_table(name.schema, name.name);
  table.columns = {{.name = "id", .number = 1, .type = "integer"},
                   {.name = "customer_id", .number = 2, .type = "bigint"},
                   {.name = "note", .number = 3, .type = "text"}};
  table.constraints = {{.name = "orders_pkey", .kind = catalog::ConstraintKind::primary_key},
                       {.name = "orders_customer_fk", .kind = catalog::ConstraintKind::foreign_key},
                       {.name = "orders_note_check", .kind = catalog::ConstraintKind::check}};
  table.indexes = {{.name = "orders_pkey"}, {.name = "orders_note_idx"}};
  return table;
}

struct Fixture {
  testing::CatalogBuilder sources;
  testing::CatalogBuilder targets;
  catalog::Catalog& source = sources.edit();
  catalog::Catalog& target = targets.edit();
  plan::TargetPlan plan;

  Fixture() {
    add_orders(sources, {"app", "orders"}, 10);
    plan.name = "shop";
    plan.tables.push_back(
        {.table = 10, .source_name = {"app", "orders"}, .target_name = {"shop", "orders"}});
    plan.dropped_foreign_keys.push_back(
        {.constraint = 99, .name = "orders_customer_fk", .child_table = 10});
    auto& copied = add_orders(targets, {"shop", "orders"}, 5000);
    copied.constraints.erase(copied.constraints.begin() + 1); // the dropped key
  }
  Fixture(const Fixture&) = delete;
  Fixture& operator=(const Fixture&) = delete;

  catalog::Table& copied() { return target.tables.front(); }

  std::vector<std::string> messages() const {
    std::vector<std::string> found;
    for (const auto& finding : compare_schema(source, plan, target).findings) {
      CHECK(finding.check == CheckKind::schema);
      CHECK(finding.outcome == Outcome::mismatch);
      CHECK(finding.target == "shop");
      CHECK(finding.object == "shop.orders");
      found.push_back(finding.message);
    }
    return found;
  }
};

} // namespace

TEST_CASE("a faithful copy, without the dropped cross-target key, has schema parity", "[verify]") {
  Fixture fixture;
  CHECK(fixture.messages().empty());
  CHECK(compare_schema(fixture.source, fixture.plan, fixture.target).tables == 1);
}

TEST_CASE("schema parity names a missing, extra or retyped column", "[verify]") {
  Fixture fixture;
  auto& columns = fixture.copied().columns;
  columns.erase(columns.begin() + 2);
  columns[0].type = "bigint";
  columns.push_back({.name = "added", .number = 4, .type = "text"});
  CHECK(fixture.messages() ==
        std::vector<std::string>{"column id is bigint in the target, integer in the source",
                                 "column note is missing (text)",
                                 "column added is not in the source (text)"});
}

TEST_CASE("schema parity names missing constraints and indexes, and a kept dropped key",
          "[verify]") {
  Fixture fixture;
  auto& copied = fixture.copied();
  copied.indexes.pop_back();
  copied.constraints.pop_back();
  copied.constraints.push_back(
      {.name = "orders_customer_fk", .kind = catalog::ConstraintKind::foreign_key});
  CHECK(fixture.messages() ==
        std::vector<std::string>{"constraint orders_note_check is missing (check)",
                                 "constraint orders_customer_fk is not in the source (foreign key)",
                                 "index orders_note_idx is missing"});
}

TEST_CASE("schema parity reports a missing table and a table of another kind", "[verify]") {
  Fixture fixture;
  fixture.copied().kind = catalog::TableKind::partitioned_table;
  CHECK(fixture.messages() ==
        std::vector<std::string>{"a partitioned table in the target, a table in the source"});
  fixture.target.tables.clear();
  CHECK(fixture.messages() == std::vector<std::string>{"the table is missing (source app.orders)"});
}

TEST_CASE("a partition's clone of a dropped key is dropped too, attached indexes are not named",
          "[verify]") {
  Fixture fixture;
  auto& partition = add_orders(fixture.sources, {"app", "orders_2024"}, 11);
  partition.partition_parent = 10;
  partition.constraints[1].is_local = false;
  partition.indexes = {{.name = "orders_2024_pkey", .parent_index = 1},
                       {.name = "orders_2024_note_idx", .parent_index = 2}};
  fixture.plan.tables.push_back({.table = 11,
                                 .source_name = {"app", "orders_2024"},
                                 .target_name = {"shop", "orders_2024"},
                                 .root = 10});
  auto copied = partition;
  copied.oid = 5001;
  copied.name = {"shop", "orders_2024"};
  copied.constraints.erase(copied.constraints.begin() + 1);
  copied.indexes = {{.name = "orders_2024_pkey1", .parent_index = 7}};
  fixture.target.tables.push_back(copied);
  CHECK(compare_schema(fixture.source, fixture.plan, fixture.target).findings.empty());
}
