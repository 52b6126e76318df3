// Tables larger than --split-larger-than are copied in concurrent parts (key or page ranges)
// from the shared snapshot; the table is marked done only once every part has committed.
#include "integration/copy/split_fixture.hpp"

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;

namespace {

const char* events_mapping = R"(
source: {url: "${MONOLITH_URL}"}
targets:
  events:
    url: "${EVENTS_URL}"
    tables:
      - keyed
      - heap
      - {name: filtered, where: "kind <> 'spam'"}
options: {jobs: 3}
)";

// `keyed` has an integer key with gaps and negative values; `heap` has no key at all (page
// ranges); `filtered` combines a filter with the ranges; `small` stays whole.
const char* events_sql = R"sql(
CREATE TABLE keyed (id bigint PRIMARY KEY, payload text, at timestamptz);
INSERT INTO keyed SELECT i * 7 - 20000, repeat(md5(i::text), 3), '2020-01-01'::timestamptz + i * interval '1 min'
  FROM generate_series(1, 20000) i;
CREATE TABLE heap (label text, n int);
INSERT INTO heap SELECT 'row ' || i, i FROM generate_series(1, 30000) i;
INSERT INTO heap VALUES ('tab	and newline
inside', NULL), (NULL, NULL);
CREATE TABLE filtered (id int PRIMARY KEY, kind text NOT NULL,
                       keyed_id bigint REFERENCES keyed(id));
INSERT INTO filtered SELECT i, CASE WHEN i % 4 = 0 THEN 'spam' ELSE 'mail' END, i * 7 - 20000
  FROM generate_series(1, 9000) i;
ANALYZE;
)sql";

std::int64_t scalar(const TestDatabase& database, const std::string& sql) {
  auto connection = database.connect();
  return connection.exec("SELECT (" + sql + ") AS n").int64(0, "n");
}

const copy::TableReport& report_of(const copy::ApplyReport& report, const std::string& table) {
  for (const auto& entry : report.tables) {
    if (entry.table == table) {
      return entry;
    }
  }
  FAIL("no report for " << table);
  throw;
}

} // namespace

TEST_CASE("tables larger than the threshold are copied in parts, identical to the source",
          "[copy][parts]") {
  SplitFixture split("parts_copy", {"events"});
  split.source().run(events_sql);
  const auto report = split.apply(events_mapping, {.jobs = 3, .split_larger_than = 1});
  REQUIRE(report.complete());
  for (const auto* table : {"public.keyed", "public.heap", "public.filtered"}) {
    CAPTURE(table);
    CHECK(report_of(report, table).parts == 3);
    CHECK(report_of(report, table).parts_committed == 3);
  }
  CHECK(report_of(report, "public.keyed").rows == 20000);
  CHECK(report_of(report, "public.heap").rows == 30002);
  CHECK(SplitFixture::digest(split.target("events"), "keyed", "t.id") ==
        SplitFixture::digest(split.source(), "keyed", "t.id"));
  CHECK(SplitFixture::digest(split.target("events"), "heap", "t.n, t.label") ==
        SplitFixture::digest(split.source(), "heap", "t.n, t.label"));
  CHECK(SplitFixture::digest(split.target("events"), "filtered", "t.id") ==
        SplitFixture::digest(split.source(), "(SELECT * FROM filtered WHERE kind <> 'spam')",
                             "t.id"));
  // Marked done with the parts' totals; the part records are gone; the key is back.
  CHECK(scalar(split.target("events"),
               "SELECT rows FROM _pgsplit.tables WHERE target_table = '\"public\".\"keyed\"'") ==
        20000);
  CHECK(scalar(split.target("events"), "SELECT count(*) FROM _pgsplit.parts") == 0);
  CHECK(scalar(split.target("events"),
               "SELECT count(*) FROM pg_constraint WHERE conrelid = 'filtered'::regclass "
               "AND contype = 'f'") == 1);
}

TEST_CASE("the parts of a table read one snapshot", "[copy][parts]") {
  SplitFixture split("parts_snapshot", {"events"});
  split.source().run(events_sql);
  const auto before = SplitFixture::digest(split.source(), "keyed", "t.id");
  // After the snapshot: rows added at both ends of the key range and one moved across parts.
  split.after_snapshot([&] {
    split.source().run(
        "INSERT INTO keyed VALUES (-999999, 'late', now()), (999999, 'late', now()); "
        "UPDATE keyed SET id = -999998 WHERE id = 119993; "
        "DELETE FROM heap WHERE n <= 100");
  });
  const auto report = split.apply(events_mapping, {.jobs = 3, .split_larger_than = 1});
  REQUIRE(report.complete());
  CHECK(SplitFixture::digest(split.target("events"), "keyed", "t.id") == before);
  CHECK(scalar(split.target("events"), "SELECT count(*) FROM heap") == 30002);
}

TEST_CASE("a failed part leaves its table unmarked, resume copies it again from nothing",
          "[copy][parts]") {
  SplitFixture split("parts_resume", {"events"});
  split.source().run(events_sql);
  // A domain whose check depends on the database's name: the source holds a row its target
  // refuses, so the part holding it fails, whatever the others do.
  split.source().run("CREATE DOMAIN guarded AS text "
                     "CHECK (VALUE <> 'poison' OR current_database() LIKE '%\\_src\\_%'); "
                     "ALTER TABLE keyed ALTER COLUMN payload TYPE guarded; "
                     "UPDATE keyed SET payload = 'poison' WHERE id = 113000");
  const auto failed = split.apply(events_mapping, {.jobs = 3, .split_larger_than = 1});
  REQUIRE_FALSE(failed.complete());
  REQUIRE(failed.failures.size() >= 1);
  CHECK_THAT(failed.failures.front(),
             Catch::Matchers::Contains("target events, table public.keyed") &&
                 Catch::Matchers::Contains("guarded"));
  CHECK(report_of(failed, "public.keyed").status == copy::CopyStatus::failed);
  CHECK(
      scalar(split.target("events"),
             "SELECT count(*) FROM _pgsplit.tables WHERE target_table = '\"public\".\"keyed\"'") ==
      0);

  split.source().run("UPDATE keyed SET payload = 'fixed' WHERE id = 113000");
  const auto resumed =
      split.apply(events_mapping, {.jobs = 3, .resume = true, .split_larger_than = 1});
  REQUIRE(resumed.complete());
  CHECK(SplitFixture::digest(split.target("events"), "keyed", "t.id") ==
        SplitFixture::digest(split.source(), "keyed", "t.id"));
  CHECK(scalar(split.target("events"), "SELECT count(*) FROM _pgsplit.parts") == 0);
}
