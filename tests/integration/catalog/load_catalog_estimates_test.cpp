// Row estimates before ANALYZE: reltuples is -1 (PostgreSQL 14+) until a table is analyzed or
// vacuumed, and `pgsplit init` and `plan` would report 0 rows for every table of a fresh
// restore.
#include "support/sandbox.hpp"

#include <pgsplit/catalog/loader.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;

namespace {

const catalog::Table& find(const catalog::Catalog& catalog, const std::string& name) {
  const auto* table = catalog.find_table(catalog::QualifiedName{"public", name});
  REQUIRE(table);
  return *table;
}

} // namespace

TEST_CASE("rows of a never analyzed table are estimated from its size", "[catalog]") {
  testing::TestDatabase database("estimates");
  // Autovacuum off for these tables: it would analyze them at a moment the test does not
  // control.
  database.run("CREATE TABLE fresh (id int, label text) WITH (autovacuum_enabled = false);"
               "INSERT INTO fresh SELECT g, 'label ' || g FROM generate_series(1, 5000) g;"
               "CREATE TABLE analyzed (id int) WITH (autovacuum_enabled = false);"
               "INSERT INTO analyzed SELECT generate_series(1, 300);"
               "ANALYZE analyzed;"
               "CREATE TABLE empty (id int) WITH (autovacuum_enabled = false)");
  auto connection = database.connect();
  REQUIRE(connection.exec("SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'fresh'")
              .int64(0, "n") == -1);
  connection.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  const auto catalog = catalog::load_catalog(connection, {});
  const auto& fresh = find(catalog, "fresh");
  CHECK(fresh.size_bytes > 0);
  // The estimate guesses a row's width: the right order of magnitude, not the exact count.
  CHECK(fresh.estimated_rows >= 2500);
  CHECK(fresh.estimated_rows <= 10000);
  CHECK(find(catalog, "analyzed").estimated_rows == 300);
  CHECK(find(catalog, "empty").estimated_rows == 0);
}
