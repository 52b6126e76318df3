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

TEST_CASE("a table's size is its data and TOAST files, as pg_relation_size gives them",
          "[catalog]") {
  testing::TestDatabase database("sizes");
  database.run("CREATE TABLE documents (id int, body text) WITH (autovacuum_enabled = false);"
               "ALTER TABLE documents ALTER body SET STORAGE EXTERNAL;"
               "INSERT INTO documents SELECT g, repeat(md5(g::text), 200) "
               "FROM generate_series(1, 200) g;"
               "CREATE TABLE plain (id int) WITH (autovacuum_enabled = false);"
               "INSERT INTO plain SELECT generate_series(1, 1000)");
  auto connection = database.connect();
  const auto expected =
      connection.exec("SELECT pg_relation_size(c.oid) + pg_relation_size(c.reltoastrelid) AS bytes,"
                      "       pg_relation_size(c.reltoastrelid) AS toast_bytes "
                      "FROM pg_class c WHERE c.relname = 'documents'");
  REQUIRE(expected.int64(0, "toast_bytes") > 0); // the bodies are out of line
  connection.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  const auto catalog = catalog::load_catalog(connection, {});
  CHECK(find(catalog, "documents").size_bytes == expected.int64(0, "bytes"));
  CHECK(find(catalog, "plain").size_bytes ==
        connection.exec("SELECT pg_relation_size('plain') AS bytes").int64(0, "bytes"));
}
