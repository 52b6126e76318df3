// A table with rows but no columns (`CREATE TABLE t ()`, or every column dropped): its content
// is its number of rows, which apply copies and verify compares.
#include "integration/copy/split_fixture.hpp"

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;

TEST_CASE("tables without columns keep their number of rows, and verify agrees",
          "[copy][zero_columns]") {
  SplitFixture split("zero_columns", {"one"});
  split.source().run(R"sql(
CREATE TABLE marks ();
INSERT INTO marks DEFAULT VALUES; INSERT INTO marks DEFAULT VALUES; INSERT INTO marks DEFAULT VALUES;
CREATE TABLE dropped (a int, b text);
INSERT INTO dropped SELECT i, 'x' FROM generate_series(1, 1234) i;
ALTER TABLE dropped DROP COLUMN a, DROP COLUMN b;
CREATE TABLE nothing ();
)sql");
  const std::string mapping = R"(
source: {url: "${MONOLITH_URL}"}
targets:
  one: {url: "${ONE_URL}", tables: [marks, dropped, nothing]}
)";
  const auto report = split.apply(mapping);
  for (const auto& failure : report.failures) {
    FAIL(failure); // before the fix: syntax error at or near ")" (COPY t () FROM STDIN)
  }
  REQUIRE(report.complete());
  auto one = split.target("one").connect();
  CHECK(one.exec("SELECT count(*) AS n FROM marks").int64(0, "n") == 3);
  CHECK(one.exec("SELECT count(*) AS n FROM dropped").int64(0, "n") == 1234);
  CHECK(one.exec("SELECT count(*) AS n FROM nothing").int64(0, "n") == 0);
  CHECK(one.exec("SELECT rows AS n FROM _pgsplit.tables WHERE target_table = "
                 "'\"public\".\"dropped\"'")
            .int64(0, "n") == 1234);

  for (const bool checksums : {false, true}) {
    CAPTURE(checksums);
    CHECK(split.verify(mapping, checksums).ok());
  }
  // A row more in the target is a difference verify sees.
  one.exec("INSERT INTO marks DEFAULT VALUES");
  CHECK_FALSE(split.verify(mapping, false).ok());
}
