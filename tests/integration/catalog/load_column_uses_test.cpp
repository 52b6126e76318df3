// Who uses each column (Column::used_by), read from pg_depend: what the plan's reshaping
// checks refuse to drop or convert. Read only when LoadOptions::column_uses asks.
#include "support/sandbox.hpp"

#include <pgsplit/catalog/loader.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace pgsplit;

namespace {

const catalog::Column& column_of(const catalog::Catalog& catalog, const std::string& table,
                                 const std::string& name) {
  const auto* found = catalog.find_table(catalog::QualifiedName{"public", table});
  REQUIRE(found);
  const auto column = std::find_if(found->columns.begin(), found->columns.end(),
                                   [&](const catalog::Column& c) { return c.name == name; });
  REQUIRE(column != found->columns.end());
  return *column;
}

bool used_as(const catalog::Column& column, catalog::ColumnUseKind kind, const std::string& name) {
  return std::any_of(column.used_by.begin(), column.used_by.end(),
                     [&](const catalog::ColumnUse& use) {
                       return use.kind == kind && use.name.find(name) != std::string::npos;
                     });
}

catalog::Catalog load(const testing::TestDatabase& database, bool column_uses) {
  auto connection = database.connect();
  connection.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  return catalog::load_catalog(connection, {.column_uses = column_uses});
}

} // namespace

TEST_CASE("column uses name each index, constraint, default, generated column and view",
          "[catalog]") {
  testing::TestDatabase database("column_uses");
  database.run("CREATE TABLE items (id serial PRIMARY KEY, price int CHECK (price >= 0),"
               "  qty int DEFAULT 1, total int GENERATED ALWAYS AS (price * qty) STORED,"
               "  note text);"
               "CREATE INDEX items_note ON items (lower(note));"
               "CREATE VIEW cheap AS SELECT id, price FROM items WHERE price < 10");
  const auto catalog = load(database, true);
  using Kind = catalog::ColumnUseKind;
  CHECK(used_as(column_of(catalog, "items", "price"), Kind::constraint, "items_price_check"));
  CHECK(used_as(column_of(catalog, "items", "price"), Kind::generated_column, "total"));
  CHECK(used_as(column_of(catalog, "items", "price"), Kind::view, "public.cheap"));
  CHECK(used_as(column_of(catalog, "items", "qty"), Kind::default_value, "qty"));
  CHECK(used_as(column_of(catalog, "items", "note"), Kind::index, "items_note"));
  // A key's index belongs to its constraint: the constraint is the use.
  CHECK(used_as(column_of(catalog, "items", "id"), Kind::constraint, "items_pkey"));
  // A serial's OWNED BY sequence is not a use of its column.
  CHECK(std::none_of(column_of(catalog, "items", "id").used_by.begin(),
                     column_of(catalog, "items", "id").used_by.end(),
                     [](const catalog::ColumnUse& use) { return use.kind == Kind::other; }));
}

TEST_CASE("column uses are not read unless asked", "[catalog]") {
  testing::TestDatabase database("column_uses_off");
  database.run("CREATE TABLE items (id int PRIMARY KEY, note text);"
               "CREATE INDEX items_note ON items (note)");
  const auto catalog = load(database, false);
  CHECK(column_of(catalog, "items", "note").used_by.empty());
  CHECK(column_of(catalog, "items", "id").used_by.empty());
  CHECK_FALSE(load(database, true).find_table({"public", "items"})->columns.at(1).used_by.empty());
}
