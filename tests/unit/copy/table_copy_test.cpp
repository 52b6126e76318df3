#include <pgsplit/copy/table_copy.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::copy;

TEST_CASE("a part reads its range within the filter and writes without TRUNCATE's FREEZE") {
  TableCopy copy;
  copy.target = "auth";
  copy.source_name = {"public", "events"};
  copy.target_name = {"public", "events"};
  copy.columns = {"id", "payload"};
  copy.where = "kind = 'x' OR kind = 'y'";
  copy.parts = {"id < 10", "id >= 10"};
  const auto part = copy.part_copy(1);
  CHECK(part.label() == "auth: public.events (part 2/2)");
  CHECK(copy_out_statement(part) ==
        "COPY (SELECT \"id\", \"payload\" FROM ONLY \"public\".\"events\" WHERE (\nkind = 'x' OR "
        "kind = 'y'\n) AND "
        "(id >= 10)) TO STDOUT (FORMAT text)");
  CHECK(copy_in_statement(part) ==
        "COPY \"public\".\"events\" (\"id\", \"payload\") FROM STDIN (FORMAT text)");
  CHECK(copy_in_statement(copy) == // the whole table truncates first, in its transaction
        "COPY \"public\".\"events\" (\"id\", \"payload\") FROM STDIN (FORMAT text, FREEZE)");
}

TEST_CASE("a filter ending in a line comment does not swallow the rest of the COPY") {
  TableCopy copy;
  copy.source_name = {"public", "users"};
  copy.target_name = {"public", "users"};
  copy.columns = {"id"};
  copy.where = "active -- live users only";
  CHECK(copy_out_statement(copy) ==
        "COPY (SELECT \"id\" FROM ONLY \"public\".\"users\" WHERE (\nactive -- live users only\n)) "
        "TO STDOUT (FORMAT text)");
}
