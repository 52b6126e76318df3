// apply ANALYZEs every copied table inside its schedule (job_graph.hpp), unless told not to.
// last_analyze is set by a manual ANALYZE only (autovacuum sets last_autoanalyze), so the
// checks do not depend on when autovacuum comes.
#include "integration/copy/split_fixture.hpp"

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;

namespace {

const char* mapping = R"(
source: {url: "${MONOLITH_URL}"}
targets:
  shop: {url: "${SHOP_URL}", tables: [orders, lines, events]}
)";

const char* monolith_sql = R"sql(
CREATE TABLE orders (id bigint PRIMARY KEY, customer text NOT NULL);
CREATE INDEX orders_lower_customer ON orders (lower(customer));
CREATE TABLE lines (order_id bigint REFERENCES orders (id), sku text);
CREATE TABLE events (at date NOT NULL, kind text) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX events_kind ON events (kind);
INSERT INTO orders SELECT i, 'Customer ' || (i % 50) FROM generate_series(1, 3000) i;
INSERT INTO lines SELECT 1 + i % 3000, 'sku-' || i FROM generate_series(1, 6000) i;
INSERT INTO events SELECT '2024-01-01'::date + i % 700, 'kind ' || i % 9
  FROM generate_series(1, 4000) i;
)sql";

// "table: analyzed" for each table of the target that holds rows (pg_stat_user_tables), and
// whether its columns have statistics (pg_statistic, filled by ANALYZE only).
std::map<std::string, std::string> analyzed(const TestDatabase& database) {
  auto connection = database.connect();
  const auto result =
      connection.exec("SELECT s.relname, s.last_analyze IS NOT NULL AS analyzed, "
                      "EXISTS (SELECT FROM pg_statistic WHERE starelid = s.relid) AS statistics "
                      "FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid "
                      "WHERE s.schemaname = 'public' AND c.relkind = 'r' ORDER BY 1");
  std::map<std::string, std::string> tables;
  for (int row = 0; row < result.rows(); ++row) {
    tables[result.text(row, "relname")] =
        result.text(row, "analyzed") + "/" + result.text(row, "statistics");
  }
  return tables;
}

} // namespace

TEST_CASE("apply analyzes every table it copies, partitions included", "[copy][analyze]") {
  SplitFixture split("analyze_on", {"shop"});
  split.source().run(monolith_sql);
  const auto report = split.apply(mapping, {.jobs = 3});
  REQUIRE(report.complete());
  const std::map<std::string, std::string> every_table_analyzed{
      {"events_2024", "t/t"}, {"events_2025", "t/t"}, {"lines", "t/t"}, {"orders", "t/t"}};
  CHECK(analyzed(split.target("shop")) == every_table_analyzed);
  // The expression index existed when ANALYZE ran: its statistics are there too.
  auto shop = split.target("shop").connect();
  CHECK(shop.exec("SELECT count(*) AS n FROM pg_statistic WHERE starelid = "
                  "'orders_lower_customer'::regclass")
            .int64(0, "n") == 1);
}

TEST_CASE("apply without analyze leaves the statistics to autovacuum", "[copy][analyze]") {
  SplitFixture split("analyze_off", {"shop"});
  split.source().run(monolith_sql);
  const auto report = split.apply(mapping, {.jobs = 3, .analyze = false});
  REQUIRE(report.complete());
  for (const auto& [table, state] : analyzed(split.target("shop"))) {
    CAPTURE(table);
    CHECK(state.substr(0, 1) == "f"); // never analyzed by hand
  }
  CHECK(analyzed(split.target("shop")).size() == 4);
}
