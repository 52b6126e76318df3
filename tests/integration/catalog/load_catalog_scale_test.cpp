#include "support/sandbox.hpp"

#include <pgsplit/catalog/loader.hpp>

#include <catch2/catch.hpp>

#include <chrono>

// load_catalog runs one query per object kind, never one per table: a schema of 2,000 tables
// must load quickly. The duration is reported, never asserted (the sandbox shares its cores).
using namespace pgsplit;

namespace {

constexpr int table_count = 2000;

constexpr const char* many_tables_sql = R"sql(
CREATE SCHEMA scale;
CREATE TABLE scale.root (id integer PRIMARY KEY);
DO $$
BEGIN
  FOR i IN 1..2000 LOOP
    EXECUTE format('CREATE TABLE scale.%I (id integer PRIMARY KEY, '
                   'root_id integer NOT NULL REFERENCES scale.root (id), label integer)',
                   'item_' || i);
    EXECUTE format('CREATE INDEX ON scale.%I (root_id)', 'item_' || i);
  END LOOP;
END $$;
)sql";

} // namespace

TEST_CASE("2,000 tables load with one query per object kind", "[catalog][scale]") {
  testing::TestDatabase database("catalog_scale");
  database.run(many_tables_sql);
  auto connection = database.connect();
  connection.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  const auto started = std::chrono::steady_clock::now();
  const auto loaded = catalog::load_catalog(connection, {});
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  connection.exec("COMMIT");
  WARN("load_catalog of " << loaded.tables.size() << " tables took " << elapsed.count() << " ms");

  REQUIRE(loaded.tables.size() == table_count + 1);
  const auto* root = loaded.find_table({"scale", "root"});
  REQUIRE(root != nullptr);
  std::size_t edges_to_root = 0;
  for (const auto& edge : loaded.dependencies) {
    if (edge.referenced == catalog::ObjectRef{catalog::ObjectKind::table, root->oid}) {
      ++edges_to_root;
    }
  }
  CHECK(edges_to_root == table_count);
  for (const auto& table : loaded.tables) {
    if (table.oid == root->oid) {
      continue;
    }
    CHECK(table.columns.size() == 3);
    CHECK(table.constraints.size() == 2);
    CHECK(table.indexes.size() == 2);
  }
}
