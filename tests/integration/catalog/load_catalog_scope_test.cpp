#include "support/sandbox.hpp"

#include <pgsplit/catalog/loader.hpp>
#include <pgsplit/core/error.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

// Which schemas load_catalog reads, and what it leaves behind in the session.
using namespace pgsplit;
using Catch::Matchers::Contains;

namespace {

constexpr const char* two_schemas_sql = R"sql(
CREATE SCHEMA app;
CREATE TYPE app.status AS ENUM ('new', 'done');
CREATE TABLE app.customers (id bigint PRIMARY KEY);
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (
  id bigint PRIMARY KEY,
  customer_id bigint REFERENCES app.customers (id),
  status app.status
);
CREATE SCHEMA crypto;
CREATE EXTENSION pgcrypto SCHEMA crypto;
CREATE TABLE crypto.keys (id integer PRIMARY KEY, secret bytea);
)sql";

catalog::Catalog load_in_snapshot(pg::Connection& connection, const catalog::LoadOptions& options) {
  connection.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  auto loaded = catalog::load_catalog(connection, options);
  connection.exec("COMMIT");
  return loaded;
}

bool has_edge(const catalog::Catalog& loaded, catalog::ObjectRef dependent,
              catalog::ObjectRef referenced) {
  return std::any_of(loaded.dependencies.begin(), loaded.dependencies.end(),
                     [&](const catalog::Dependency& edge) {
                       return edge.dependent == dependent && edge.referenced == referenced;
                     });
}

} // namespace

TEST_CASE("only the requested schemas are read, edges may point outside them", "[catalog]") {
  testing::TestDatabase database("catalog_scope");
  database.run(two_schemas_sql);
  auto connection = database.connect();
  const auto everything = load_in_snapshot(connection, {});
  const auto billing = load_in_snapshot(connection, {.schemas = {"billing"}});

  REQUIRE(billing.schemas.size() == 1);
  CHECK(billing.schemas[0].name == "billing");
  REQUIRE(billing.tables.size() == 1);
  CHECK(billing.tables[0].name.to_string() == "billing.invoices");
  CHECK(billing.types.empty());
  CHECK(billing.extensions.size() == everything.extensions.size());

  const auto* customers = everything.find_table({"app", "customers"});
  REQUIRE(customers != nullptr);
  const catalog::ObjectRef invoices{catalog::ObjectKind::table, billing.tables[0].oid};
  CHECK(has_edge(billing, invoices, {catalog::ObjectKind::table, customers->oid}));
  CHECK(has_edge(billing, invoices, {catalog::ObjectKind::type, everything.types.at(0).oid}));
}

TEST_CASE("an extension in a user schema stands in for its objects", "[catalog]") {
  testing::TestDatabase database("catalog_extension");
  database.run(two_schemas_sql);
  auto connection = database.connect();
  const auto crypto = load_in_snapshot(connection, {.schemas = {"crypto"}});
  REQUIRE(crypto.tables.size() == 1);
  CHECK(crypto.functions.empty());
  CHECK(crypto.types.empty());
  const auto pgcrypto = std::find_if(crypto.extensions.begin(), crypto.extensions.end(),
                                     [](const auto& item) { return item.name == "pgcrypto"; });
  REQUIRE(pgcrypto != crypto.extensions.end());
  CHECK(pgcrypto->schema == "crypto");
}

TEST_CASE("a schema that does not exist is an error with a suggestion", "[catalog]") {
  testing::TestDatabase database("catalog_missing");
  database.run(two_schemas_sql);
  auto connection = database.connect();
  CHECK_THROWS_WITH(catalog::load_catalog(connection, {.schemas = {"app", "biling"}}),
                    Contains("'biling'") && Contains("did you mean 'billing'"));
  CHECK_THROWS_AS(catalog::load_catalog(connection, {.schemas = {"pg_catalog"}}), core::Error);
  CHECK_THROWS_WITH(catalog::load_catalog(connection, {.schemas = {"x\"; --"}}),
                    Contains("x\"; --"));
}

TEST_CASE("the session's search_path is restored", "[catalog]") {
  testing::TestDatabase database("catalog_search_path");
  database.run(two_schemas_sql);
  auto connection = database.connect();
  connection.exec("SET search_path = billing, app");
  const auto loaded = load_in_snapshot(connection, {});
  CHECK(connection.exec("SHOW search_path").text(0, "search_path") == "billing, app");
  // Definitions were read with an empty search_path: user objects come schema-qualified.
  const auto* invoices = loaded.find_table({"billing", "invoices"});
  REQUIRE(invoices != nullptr);
  CHECK(invoices->columns.at(2).type == "app.status");
}

TEST_CASE("a database without user objects loads empty lists", "[catalog]") {
  testing::TestDatabase database("catalog_empty");
  auto connection = database.connect();
  const auto loaded = load_in_snapshot(connection, {});
  REQUIRE(loaded.schemas.size() == 1);
  CHECK(loaded.schemas[0].name == "public");
  CHECK(loaded.tables.empty());
  CHECK(loaded.types.empty());
  CHECK(loaded.functions.empty());
  CHECK(loaded.dependencies.empty());
  REQUIRE(loaded.extensions.size() == 1);
  CHECK(loaded.extensions[0].name == "plpgsql");
}
