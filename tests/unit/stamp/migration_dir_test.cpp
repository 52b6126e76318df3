#include "support/problems.hpp"

#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/migration_dir.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace pgsplit;

namespace {
const std::string data_dir = std::string(PGSPLIT_TEST_DATA_DIR) + "/stamp/";
}

TEST_CASE("list_migration_dir sorts entries and recurses only when asked", "[stamp]") {
  const auto flat = stamp::list_migration_dir(data_dir + "alembic_two_heads");
  REQUIRE(flat.size() == 3);
  CHECK(flat[0].path().filename() == "0001_root.py");
  CHECK(flat[2].path().filename() == "0003_invoices.py");

  const auto shallow = stamp::list_migration_dir(data_dir + "flyway");
  const auto deep = stamp::list_migration_dir(data_dir + "flyway", true);
  CHECK(deep.size() == shallow.size() + 1); // archive/V3__order_totals.sql
}

TEST_CASE("list_migration_dir reports a missing folder or a file given as folder", "[stamp]") {
  const auto problems =
      pgsplit::testing::problems_of([] { stamp::list_migration_dir(data_dir + "missing"); });
  REQUIRE(problems.size() == 1);
  const auto& problem = problems[0];
  CHECK(problem.where.file == data_dir + "missing");
  CHECK_THAT(problem.message, Catch::Contains("does not exist"));
  CHECK_THAT(problem.hint, Catch::Contains("relative to the folder of the mapping file"));
  CHECK_THROWS_WITH(stamp::list_migration_dir(data_dir + "flyway/V2__add_orders.sql"),
                    Catch::Contains("is not a folder"));
}

TEST_CASE("read_migration_file returns the bytes or reports the file", "[stamp]") {
  CHECK(stamp::read_migration_file(data_dir + "flyway/V2__add_orders.sql") ==
        "CREATE TABLE billing.orders (id bigint PRIMARY KEY);\n");
  CHECK_THROWS_AS(stamp::read_migration_file(data_dir + "flyway/none.sql"), core::ConfigError);
}
