#include "support/sandbox.hpp"

#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/copy_stream.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;

namespace {

// Rows covering the values that break naive copies: NULL vs '', tabs, newlines, backslashes,
// unicode, NaN and infinities, arrays with NULLs, every byte value, a large value.
constexpr const char* fixture_sql = R"sql(
CREATE TABLE sample (
  id int PRIMARY KEY, label text, amount numeric, ratio float8, tags text[],
  payload bytea, document jsonb, seen timestamptz, span int4range);
INSERT INTO sample
SELECT i,
       CASE i % 6 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN E'tab\there\nnew line \\ back'
                  WHEN 3 THEN 'unicode é 日本 🚀' ELSE 'row ' || i END,
       CASE i % 5 WHEN 0 THEN 'NaN'::numeric ELSE i * 1.25 END,
       CASE i % 4 WHEN 0 THEN 'Infinity'::float8 WHEN 1 THEN '-Infinity' WHEN 2 THEN 'NaN'
                  ELSE i / 7.0 END,
       CASE i % 3 WHEN 0 THEN ARRAY[]::text[] WHEN 1 THEN ARRAY['a', NULL, 'c"d'] ELSE NULL END,
       CASE WHEN i = 1 THEN (SELECT string_agg(set_byte('\x00'::bytea, 0, b), ''::bytea)
                             FROM generate_series(0, 255) b)
            ELSE decode(md5(i::text), 'hex') END,
       jsonb_build_object('i', i, 'nested', jsonb_build_array(i, 'x')),
       '2024-01-01'::timestamptz + i * interval '1 minute',
       int4range(i, i + 10)
FROM generate_series(1, 5000) i;
INSERT INTO sample (id, label) VALUES (5001, repeat('large ', 200000));
)sql";

constexpr const char* digest_sql =
    "SELECT count(*) AS n, md5(string_agg(s::text, '|' ORDER BY id)) AS digest FROM sample s";

void pump(pg::Connection& source, pg::Connection& target, const std::string& format) {
  pg::CopyOut out(source, "COPY sample (id, label, amount, ratio, tags, payload, document, "
                          "seen, span) TO STDOUT (FORMAT " +
                              format + ")");
  pg::CopyIn in(target, "COPY sample (id, label, amount, ratio, tags, payload, document, "
                        "seen, span) FROM STDIN (FORMAT " +
                            format + ")");
  std::string_view chunk;
  while (out.read(chunk)) {
    in.write(chunk);
  }
  out.finish();
  CHECK(in.finish() == 5001);
}

} // namespace

TEST_CASE("COPY OUT to COPY IN moves every row unchanged between two databases", "[pg][copy]") {
  const std::string format = GENERATE(std::string("text"), std::string("binary"));
  CAPTURE(format);
  testing::TestDatabase from("copy_from");
  testing::TestDatabase to("copy_to");
  from.run(fixture_sql);
  to.run("CREATE TABLE sample (id int PRIMARY KEY, label text, amount numeric, ratio float8, "
         "tags text[], payload bytea, document jsonb, seen timestamptz, span int4range)");
  auto source = from.connect();
  auto target = to.connect();
  pump(source, target, format);

  const auto expected = source.exec(digest_sql);
  const auto actual = target.exec(digest_sql);
  CHECK(actual.int64(0, "n") == 5001);
  CHECK(actual.text(0, "digest") == expected.text(0, "digest"));
}

TEST_CASE("an aborted COPY IN leaves the table untouched and the connection usable", "[pg][copy]") {
  testing::TestDatabase database("copy_abort");
  database.run("CREATE TABLE t (id int)");
  auto connection = database.connect();
  {
    pg::CopyIn in(connection, "COPY t (id) FROM STDIN");
    in.write("1\n2\n3\n");
    // destroyed without finish(): the COPY must be discarded
  }
  CHECK(connection.exec("SELECT count(*) AS n FROM t").int64(0, "n") == 0);
}

TEST_CASE("a COPY OUT abandoned midway leaves the connection usable", "[pg][copy]") {
  testing::TestDatabase database("copy_abandon");
  database.run("CREATE TABLE t AS SELECT generate_series(1, 200000) AS id");
  auto connection = database.connect();
  {
    pg::CopyOut out(connection, "COPY t (id) TO STDOUT");
    std::string_view chunk;
    REQUIRE(out.read(chunk));
    CHECK(chunk == "1\n");
  }
  CHECK(connection.exec("SELECT 7 AS n").int64(0, "n") == 7);
}

TEST_CASE("a bad row in COPY IN fails with the server's message", "[pg][copy]") {
  testing::TestDatabase database("copy_bad");
  database.run("CREATE TABLE t (id int)");
  auto connection = database.connect();
  pg::CopyIn in(connection, "COPY t (id) FROM STDIN");
  in.write("1\nnot a number\n");
  CHECK_THROWS_WITH(in.finish(), Catch::Matchers::Contains("invalid input syntax"));
  CHECK(connection.exec("SELECT count(*) AS n FROM t").int64(0, "n") == 0);
}
