// Auto-split: a table whose size exceeds the run's total divided by -j is copied in parts even
// when --split-larger-than would leave it whole, and arrives complete with its indexes.
#include "integration/copy/split_fixture.hpp"

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;

namespace {

const char* mapping = R"(
source: {url: "${MONOLITH_URL}"}
targets:
  logs: {url: "${LOGS_URL}", tables: [big_log]}
  users: {url: "${USERS_URL}", tables: [people, teams]}
)";

// big_log holds far more than a third of the bytes; the others far less.
const char* monolith_sql = R"sql(
CREATE TABLE big_log (id bigint PRIMARY KEY, line text NOT NULL);
CREATE INDEX big_log_line ON big_log (line);
INSERT INTO big_log SELECT i, repeat(md5(i::text), 4) FROM generate_series(1, 40000) i;
CREATE TABLE people (id int PRIMARY KEY, name text);
INSERT INTO people SELECT i, 'person ' || i FROM generate_series(1, 500) i;
CREATE TABLE teams (id int PRIMARY KEY, name text);
INSERT INTO teams SELECT i, 'team ' || i FROM generate_series(1, 50) i;
)sql";

int parts_of(const copy::ApplyReport& report, const std::string& table) {
  for (const auto& entry : report.tables) {
    if (entry.table == table) {
      return entry.parts;
    }
  }
  FAIL("no report for " << table);
  return 0;
}

} // namespace

TEST_CASE("a table larger than its share of the run is split in parts and arrives complete",
          "[copy][parts][auto_split]") {
  SplitFixture split("auto_split_on", {"logs", "users"});
  split.source().run(monolith_sql);
  // --split-larger-than 1TB and a minimum of 1 byte: only auto-split can split here.
  const auto report = split.apply(
      mapping, {.jobs = 3, .split_larger_than = std::int64_t{1} << 40, .auto_split_minimum = 1});
  REQUIRE(report.complete());
  CHECK(parts_of(report, "public.big_log") == 3);
  CHECK(parts_of(report, "public.people") == 1);
  // The rows the source's COPY statements sent, summed over the parts (apply's verify uses it).
  for (const auto& table : report.tables) {
    if (table.table == "public.big_log") {
      CHECK(table.source_rows == 40000);
    }
  }
  CHECK(parts_of(report, "public.teams") == 1);
  CHECK(SplitFixture::digest(split.target("logs"), "big_log", "t.id") ==
        SplitFixture::digest(split.source(), "big_log", "t.id"));
  auto logs = split.target("logs").connect();
  CHECK(
      logs.exec("SELECT count(*) AS n FROM pg_indexes WHERE tablename = 'big_log'").int64(0, "n") ==
      2);
  CHECK(logs.exec("SELECT count(*) AS n FROM _pgsplit.tables WHERE post_data_done_at IS NOT NULL")
            .int64(0, "n") == 1);
}

TEST_CASE("auto-split off leaves such a table whole", "[copy][parts][auto_split]") {
  SplitFixture split("auto_split_off", {"logs", "users"});
  split.source().run(monolith_sql);
  const auto report = split.apply(
      mapping,
      {.jobs = 3, .split_larger_than = std::int64_t{1} << 40, .auto_split_minimum = std::nullopt});
  REQUIRE(report.complete());
  CHECK(parts_of(report, "public.big_log") == 1);
  CHECK(SplitFixture::digest(split.target("logs"), "big_log", "t.id") ==
        SplitFixture::digest(split.source(), "big_log", "t.id"));
}

TEST_CASE("a split threshold of 0 leaves every table whole, auto-split included",
          "[copy][parts][auto_split]") {
  SplitFixture split("auto_split_never", {"logs", "users"});
  split.source().run(monolith_sql);
  const auto report =
      split.apply(mapping, {.jobs = 3, .split_larger_than = 0, .auto_split_minimum = 1});
  REQUIRE(report.complete());
  CHECK(parts_of(report, "public.big_log") == 1);
}
