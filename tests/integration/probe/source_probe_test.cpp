#include "support/sandbox.hpp"

#include <pgsplit/pg/connection.hpp>
#include <pgsplit/probe/probe.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>

using namespace pgsplit;
using Catch::Matchers::Contains;
using Catch::Matchers::VectorContains;

namespace {

// A source with t(id 1..10), a sequence and a function that deletes t's rows.
testing::TestDatabase make_source() {
  testing::TestDatabase source("probe_src");
  source.run("CREATE TABLE t (id int, kind text);"
             "INSERT INTO t SELECT g, 'k' || g FROM generate_series(1, 10) AS g;"
             "CREATE SEQUENCE s;"
             "CREATE FUNCTION wipe() RETURNS bool LANGUAGE sql AS "
             "'DELETE FROM t RETURNING true'");
  return source;
}

catalog::Oid oid_of(const testing::TestDatabase& database, const std::string& table) {
  const auto result = database.connect().exec("SELECT $1::regclass::oid AS oid", {table});
  return static_cast<catalog::Oid>(result.int64(0, "oid"));
}

std::int64_t rows_of(const testing::TestDatabase& database, const std::string& table) {
  return database.connect().exec("SELECT count(*) AS n FROM " + table).int64(0, "n");
}

// The caller's side of probe_source: a read-only session in a repeatable-read transaction.
pg::Connection open_snapshot(const testing::TestDatabase& database) {
  auto connection =
      pg::Connection::open(database.url(), {.application_name = "pgsplit", .read_only = true});
  connection.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  return connection;
}

// `table` of the source placed in targets a, b, … with these filters (nullopt: no filter).
plan::Plan plan_filtering(catalog::Oid oid, const std::string& table,
                          const std::vector<std::optional<std::string>>& filters) {
  plan::Plan plan;
  char target = 'a';
  for (const auto& filter : filters) {
    plan::PlacedTable placed{.table = oid,
                             .source_name = {"public", table},
                             .target_name = {"public", table},
                             .where = filter};
    plan.targets.push_back({.name = std::string(1, target++), .tables = {placed}});
  }
  return plan;
}

plan::SourceFacts probe_filters(const testing::TestDatabase& source, const std::string& table,
                                const std::vector<std::optional<std::string>>& filters) {
  auto connection = open_snapshot(source);
  auto facts =
      probe::probe_source(connection, plan_filtering(oid_of(source, table), table, filters), {});
  // Whatever the filters did, the transaction is still usable.
  CHECK(connection.exec("SELECT count(*) AS n FROM t").int64(0, "n") == 10);
  connection.exec("COMMIT");
  return facts;
}

} // namespace

TEST_CASE("other client sessions on the source are counted with their application names",
          "[probe]") {
  const auto source = make_source();
  auto other = pg::Connection::open(source.url(), {.application_name = "billing-worker"});
  auto connection = open_snapshot(source);
  const auto facts = probe::probe_source(connection, plan::Plan{}, {});
  CHECK(facts.other_sessions >= 1);
  CHECK_THAT(facts.other_applications, VectorContains(std::string("billing-worker")));
  CHECK(facts.filter_checks.empty());
  CHECK(facts.filter_coverage.empty());
}

TEST_CASE("a valid filter is accepted", "[probe]") {
  const auto source = make_source();
  const auto facts = probe_filters(source, "t", {"id > 5"});
  REQUIRE(facts.filter_checks.size() == 1);
  CHECK(facts.filter_checks[0].table == oid_of(source, "t"));
  CHECK(facts.filter_checks[0].target == "a");
  CHECK(facts.filter_checks[0].error.empty());
  CHECK(facts.filter_coverage.empty()); // placed in one target only
}

TEST_CASE("a broken filter is reported with the server's message", "[probe]") {
  const auto source = make_source();
  const auto facts = probe_filters(source, "t", {"no_such_column > 1", "id > 5 -- trailing"});
  REQUIRE(facts.filter_checks.size() == 2);
  CHECK_THAT(facts.filter_checks[0].error, Contains("no_such_column"));
  CHECK(facts.filter_checks[1].error.empty());
  CHECK(facts.filter_coverage.empty()); // skipped: one of its filters is refused
}

TEST_CASE("a filter smuggling a second statement is refused and not run", "[probe]") {
  const auto source = make_source();
  // Inside the parentheses the filter is wrapped in, a bare `;` is a syntax error; closing
  // them first makes several statements, which the extended protocol refuses to run.
  const auto facts =
      probe_filters(source, "t", {"id > 0; DROP TABLE t", "id > 0); DROP TABLE t; SELECT (true"});
  REQUIRE(facts.filter_checks.size() == 2);
  CHECK_THAT(facts.filter_checks[0].error, Contains("syntax error"));
  CHECK_THAT(facts.filter_checks[1].error, Contains("multiple commands"));
  CHECK(rows_of(source, "t") == 10);
}

TEST_CASE("filters that would write are refused by the read-only transaction", "[probe]") {
  const auto source = make_source();
  SECTION("nextval") {
    const auto facts = probe_filters(source, "t", {"nextval('s') > 0"});
    REQUIRE(facts.filter_checks.size() == 1);
    CHECK_THAT(facts.filter_checks[0].error, Contains("read-only"));
    CHECK(
        source.connect().exec("SELECT last_value AS v, is_called FROM s").boolean(0, "is_called") ==
        false);
  }
  SECTION("a function that deletes") {
    const auto facts = probe_filters(source, "t", {"wipe()", "NOT wipe()"});
    REQUIRE(facts.filter_checks.size() == 2);
    CHECK_THAT(facts.filter_checks[0].error, Contains("read-only"));
    CHECK_THAT(facts.filter_checks[1].error, Contains("read-only"));
    CHECK(facts.filter_coverage.empty());
  }
  SECTION("a function that deletes only on a later row, found while counting coverage") {
    const auto facts =
        probe_filters(source, "t", {"id <= 5", "CASE WHEN id = 7 THEN wipe() ELSE id > 5 END"});
    REQUIRE(facts.filter_checks.size() == 2);
    CHECK(facts.filter_checks[0].error.empty()); // the innocent sibling is not blamed
    CHECK(facts.filter_checks[1].target == "b");
    CHECK_THAT(facts.filter_checks[1].error, Contains("read-only"));
    CHECK(facts.filter_coverage.empty());
  }
  CHECK(rows_of(source, "t") == 10);
}

TEST_CASE("coverage counts rows no filter selects and rows several filters select", "[probe]") {
  const auto source = make_source();
  source.run("CREATE TABLE u (id int); INSERT INTO u SELECT generate_series(1, 10);"
             "INSERT INTO u VALUES (NULL)");
  SECTION("two overlapping filters with a gap") {
    // a: 1-4, b: 3-8 → 3 and 4 twice; 9, 10 and the NULL row nowhere.
    const auto facts = probe_filters(source, "u", {"id <= 4", "id >= 3 AND id <= 8"});
    REQUIRE(facts.filter_coverage.size() == 1);
    CHECK(facts.filter_coverage[0].table == oid_of(source, "u"));
    CHECK(facts.filter_coverage[0].unclaimed_rows == 3);
    CHECK(facts.filter_coverage[0].multiply_claimed_rows == 2);
  }
  SECTION("an exact partition") {
    const auto facts = probe_filters(source, "u", {"id <= 5", "id > 5", "id IS NULL"});
    REQUIRE(facts.filter_coverage.size() == 1);
    CHECK(facts.filter_coverage[0].unclaimed_rows == 0);
    CHECK(facts.filter_coverage[0].multiply_claimed_rows == 0);
  }
  SECTION("a placement without a filter: not measured") {
    const auto facts = probe_filters(source, "u", {"id <= 4", std::nullopt});
    CHECK(facts.filter_checks.size() == 1);
    CHECK(facts.filter_coverage.empty());
  }
}

TEST_CASE("probe_all probes the source and every target of the mapping", "[probe]") {
  const auto source = make_source();
  testing::TestDatabase target("probe_tgt");
  config::Mapping mapping;
  mapping.targets.push_back({.name = "a", .url = target.url()});
  mapping.targets.push_back({.name = "b", .url = source.url()});
  const auto plan = plan_filtering(oid_of(source, "t"), "t", {"id <= 5", "id > 5"});
  auto connection = open_snapshot(source);
  const auto facts = probe::probe_all(connection, mapping, plan, {});
  REQUIRE(facts.targets.size() == 2);
  CHECK(facts.targets[0].target == "a");
  CHECK_FALSE(facts.targets[0].is_source_database);
  CHECK(facts.targets[0].existing_tables.empty());
  CHECK(facts.targets[1].is_source_database);
  REQUIRE(facts.targets[1].existing_tables.size() == 1);
  CHECK(facts.targets[1].existing_tables[0].has_rows);
  REQUIRE(facts.source.filter_coverage.size() == 1);
  CHECK(facts.source.filter_coverage[0].unclaimed_rows == 0);
  CHECK(facts.stamps.empty());
}
