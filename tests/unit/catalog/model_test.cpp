#include <pgsplit/catalog/model.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::catalog;

namespace {

Table table(Oid oid, std::string name) {
  Table made;
  made.oid = oid;
  made.name = {"public", std::move(name)};
  return made;
}

} // namespace

TEST_CASE("find_table by OID: through the index, and by a scan when the index is stale",
          "[catalog]") {
  Catalog catalog;
  catalog.tables = {table(30, "c"), table(10, "a"), table(20, "b")};
  CHECK(catalog.find_table(20)->name.name == "b"); // no index yet: a scan
  catalog.index_tables();
  CHECK(catalog.find_table(10)->name.name == "a");
  CHECK(catalog.find_table(30)->name.name == "c");
  CHECK(catalog.find_table(15) == nullptr);
  catalog.tables.push_back(table(15, "added")); // the index no longer matches
  CHECK(catalog.find_table(15)->name.name == "added");
  catalog.index_tables();
  std::swap(catalog.tables[0], catalog.tables[1]); // moved: the index points elsewhere
  CHECK(catalog.find_table(10)->name.name == "a");
  CHECK(catalog.find_table(30)->name.name == "c");
}
