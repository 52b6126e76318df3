// Counting, read-only in the planning snapshot, the child rows whose parent row a `where` filter
// leaves out of their target (lib/pgsplit/probe/filtered_references.cpp).
#include "support/sandbox.hpp"

#include <pgsplit/catalog/loader.hpp>
#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/plan/build_plan.hpp>
#include <pgsplit/probe/filtered_references.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace pgsplit;
using Catch::Matchers::Contains;

namespace {

// customers 2 and 4 are not in 'eu'; orders 2 and 3 point at 2, order 4 has no customer,
// order 6 points at 4. Tenants: a composite key, one row with half of it NULL.
constexpr const char* shop_schema = R"sql(
CREATE TABLE customers (id int PRIMARY KEY, region text NOT NULL);
INSERT INTO customers VALUES (1, 'eu'), (2, 'us'), (3, 'eu'), (4, 'us');
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers, total int);
INSERT INTO orders VALUES (1, 1, 10), (2, 2, 20), (3, 2, 30), (4, NULL, 40), (5, 3, 50),
                          (6, 4, 60);
CREATE TABLE accounts (tenant int, id int, active bool, PRIMARY KEY (tenant, id));
INSERT INTO accounts VALUES (1, 1, true), (1, 2, false), (2, 1, true);
CREATE TABLE entries (id int PRIMARY KEY, tenant int, account_id int,
                      CONSTRAINT entries_account_fkey FOREIGN KEY (tenant, account_id)
                        REFERENCES accounts);
INSERT INTO entries VALUES (1, 1, 1), (2, 1, 2), (3, 1, 2), (4, NULL, 2), (5, 2, 1);
)sql";

struct Counted {
  std::vector<plan::FilteredReference> references;
  catalog::Catalog catalog;
  bool plan_ok = false;
};

Counted count(const testing::TestDatabase& source, const std::string& tables) {
  const auto mapping = config::parse_mapping(
      "source: {url: \"${SRC}\"}\ntargets:\n  shop:\n    url: postgresql://h/shop\n"
      "    tables: " +
          tables + "\n",
      "/tmp/pgsplit-test.yaml", config::fixed_environment({{"SRC", source.url()}}));
  auto connection = pg::Connection::open(source.url(), {.read_only = true});
  connection.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  Counted counted;
  counted.catalog = catalog::load_catalog(connection, {});
  const auto plan = plan::build_plan(mapping, counted.catalog);
  counted.plan_ok = !plan.has_errors();
  counted.references = probe::count_filtered_references(connection, plan, counted.catalog, {});
  // The snapshot is still usable: nothing failed inside it.
  CHECK(connection.exec("SELECT count(*) AS n FROM orders").int64(0, "n") == 6);
  connection.exec("COMMIT");
  return counted;
}

std::int64_t orphans_of(const Counted& counted, const std::string& child) {
  const auto* table = counted.catalog.find_table(catalog::QualifiedName{"public", child});
  REQUIRE(table);
  const auto found = std::find_if(counted.references.begin(), counted.references.end(),
                                  [&](const plan::FilteredReference& reference) {
                                    return reference.child_table == table->oid;
                                  });
  REQUIRE(found != counted.references.end());
  CHECK(found->target == "shop");
  CHECK(found->error.empty());
  return found->orphan_rows;
}

} // namespace

TEST_CASE("unfiltered children of a filtered parent: orphans counted, NULL keys excepted",
          "[probe]") {
  testing::TestDatabase source("filtered_refs");
  source.run(shop_schema);
  const auto counted = count(source, "[{name: customers, where: \"region = 'eu'\"}, orders, "
                                     "{name: accounts, where: active}, entries]");
  REQUIRE(counted.plan_ok);
  CHECK(counted.references.size() == 2);
  CHECK(orphans_of(counted, "orders") == 3);  // orders 2, 3 and 6; order 4 has no customer
  CHECK(orphans_of(counted, "entries") == 2); // entries 2 and 3; entry 4's key is half NULL
}

TEST_CASE("a child filtered differently from its parent is counted after its own filter",
          "[probe]") {
  testing::TestDatabase source("filtered_refs");
  source.run(shop_schema);
  const auto counted = count(source, "[{name: customers, where: \"region = 'eu'\"}, "
                                     "{name: orders, where: \"total < 35\"}, accounts, entries]");
  REQUIRE(counted.plan_ok);
  REQUIRE(counted.references.size() == 1);
  CHECK(orphans_of(counted, "orders") == 2); // orders 2 and 3; 6 is filtered out itself
}

TEST_CASE("no count for a child filtered as its parent, a whole parent or a dropped key",
          "[probe]") {
  testing::TestDatabase source("filtered_refs");
  source.run(shop_schema);
  // Same filter text on both ends (it is the user's join condition): trusted, not counted.
  source.run("ALTER TABLE orders ADD COLUMN region text DEFAULT 'eu'");
  const auto same = count(source, "[{name: customers, where: \"region = 'eu'\"}, "
                                  "{name: orders, where: \"region = 'eu'\"}, accounts, entries]");
  REQUIRE(same.plan_ok);
  CHECK(same.references.empty());
  const auto dropped =
      count(source, "[{name: customers, where: \"region = 'eu'\"}, "
                    "{name: orders, drop_foreign_keys: [orders_customer_id_fkey]}, accounts, "
                    "entries]");
  REQUIRE(dropped.plan_ok);
  CHECK(dropped.references.empty());
}

TEST_CASE("a filter failing while counting is reported, the snapshot kept", "[probe]") {
  testing::TestDatabase source("filtered_refs");
  source.run(shop_schema);
  const auto counted = count(source, "[{name: customers, where: \"100 / (id - 2) > 0\"}, orders, "
                                     "accounts, entries]");
  REQUIRE(counted.references.size() == 1);
  CHECK_THAT(counted.references[0].error, Contains("division by zero"));
}
