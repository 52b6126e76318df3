#include <pgsplit/copy/table_parts.hpp>

#include <catch2/catch.hpp>

#include <limits>

using namespace pgsplit;
using namespace pgsplit::copy;

TEST_CASE("a table is split in one part per threshold, at least two, at most one per worker") {
  constexpr std::int64_t gigabyte = 1LL << 30;
  CHECK(part_count(gigabyte / 2, gigabyte, 4) == 1); // not larger than the threshold
  CHECK(part_count(gigabyte, gigabyte, 4) == 1);
  CHECK(part_count(gigabyte + 1, gigabyte, 4) == 2); // just larger: two halves
  CHECK(part_count(3 * gigabyte, gigabyte, 4) == 3);
  CHECK(part_count(40 * gigabyte, gigabyte, 4) == 4); // capped by the workers
  CHECK(part_count(40 * gigabyte, gigabyte, 1) == 1); // one worker: no concurrency to gain
  CHECK(part_count(40 * gigabyte, 0, 4) == 1);        // 0: never split
}

TEST_CASE("auto-split lowers the threshold to the run's share of each worker, above a minimum") {
  constexpr std::int64_t megabyte = 1LL << 20;
  constexpr std::int64_t gigabyte = 1LL << 30;
  constexpr auto minimum = 64 * megabyte;
  // 1.6 GB over 4 workers: a table above 400 MB would outlast the others.
  CHECK(split_threshold(gigabyte, 1600 * megabyte, 4, minimum) == 400 * megabyte);
  CHECK(part_count(600 * megabyte, split_threshold(gigabyte, 1600 * megabyte, 4, minimum), 4) == 2);
  CHECK(part_count(300 * megabyte, split_threshold(gigabyte, 1600 * megabyte, 4, minimum), 4) == 1);
  // A configured threshold below the share still applies.
  CHECK(split_threshold(100 * megabyte, 1600 * megabyte, 4, minimum) == 100 * megabyte);
  // --split-larger-than 0 means never: auto-split included.
  CHECK(split_threshold(0, 1600 * megabyte, 4, minimum) == 0);
  CHECK(part_count(1000 * megabyte, split_threshold(0, 1600 * megabyte, 4, minimum), 4) == 1);
  // Small runs: never below the minimum, so small tables stay whole.
  CHECK(split_threshold(gigabyte, 40 * megabyte, 4, minimum) == minimum);
  // Off, or one worker: the configured threshold alone.
  CHECK(split_threshold(gigabyte, 1600 * megabyte, 4, std::nullopt) == gigabyte);
  CHECK(split_threshold(0, 1600 * megabyte, 4, std::nullopt) == 0);
  CHECK(split_threshold(gigabyte, 1600 * megabyte, 1, minimum) == gigabyte);
}

TEST_CASE("key ranges are open at both ends and cover the key span in equal widths") {
  CHECK(key_range_conditions("id", 1, 100, 4) ==
        std::vector<std::string>{"id < 25", "id >= 25 AND id < 50", "id >= 50 AND id < 75",
                                 "id >= 75"});
  CHECK(key_range_conditions("\"Key\"", -10, 10, 2) ==
        std::vector<std::string>{"\"Key\" < 0", "\"Key\" >= 0"});
}

TEST_CASE("key ranges never hold an empty part nor overflow at the ends of bigint") {
  CHECK(key_range_conditions("id", 5, 5, 4).empty());     // one key: nothing to split
  CHECK(key_range_conditions("id", 1, 3, 8).size() == 3); // no more parts than keys
  const auto lowest = std::numeric_limits<std::int64_t>::min();
  const auto highest = std::numeric_limits<std::int64_t>::max();
  CHECK(key_range_conditions("id", lowest, highest, 2) ==
        std::vector<std::string>{"id < -1", "id >= -1"});
}

TEST_CASE("page ranges split the table's pages by tuple id") {
  CHECK(page_range_conditions(1000, 3) ==
        std::vector<std::string>{"ctid < '(333,0)'::tid",
                                 "ctid >= '(333,0)'::tid AND ctid < '(666,0)'::tid",
                                 "ctid >= '(666,0)'::tid"});
  CHECK(page_range_conditions(1, 3).empty());
}

TEST_CASE("only a single-column integer primary key serves as the split key") {
  catalog::Table table;
  table.columns = {{.name = "id", .type_oid = 20}, {.name = "code", .type_oid = 25}};
  catalog::Constraint key{.kind = catalog::ConstraintKind::primary_key, .columns = {"id"}};
  table.constraints = {key};
  CHECK(integer_key_column(table) == "id");

  table.constraints[0].columns = {"code"}; // text key
  CHECK_FALSE(integer_key_column(table));
  table.constraints[0].columns = {"id", "code"}; // composite key
  CHECK_FALSE(integer_key_column(table));
  table.constraints[0].kind = catalog::ConstraintKind::unique;
  table.constraints[0].columns = {"id"};
  CHECK_FALSE(integer_key_column(table));
}
