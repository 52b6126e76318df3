#include "support/problems.hpp"

#include <pgsplit/stamp/yoyo_migrations.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace pgsplit;
using pgsplit::testing::problems_of;

namespace {

const std::string data_dir = std::string(PGSPLIT_TEST_DATA_DIR) + "/stamp/";

std::string quote(std::string_view name) { return "\"" + std::string(name) + "\""; }

} // namespace

TEST_CASE("read_yoyo_migrations skips rollbacks, post-apply hooks and other files", "[stamp]") {
  const auto migrations = stamp::read_yoyo_migrations(data_dir + "yoyo");
  REQUIRE(migrations.size() == 2);
  CHECK(migrations[0].id == "0001_create_notes");
  // yoyo's migration_hash: sha256 of the id (`echo -n 0001_create_notes | sha256sum`)
  CHECK(migrations[0].hash == "88ac5ff276a4e7f428d69c69488746f527deb517e34f8dd0c8b6a88f05eb16e3");
  CHECK(migrations[1].id == "0002_tags");
}

TEST_CASE("yoyo versions: latest, an id, errors at the entry", "[stamp]") {
  const auto migrations = stamp::read_yoyo_migrations(data_dir + "yoyo");
  CHECK(stamp::yoyo_migrations_up_to(migrations, "latest", {}).size() == 2);
  CHECK(stamp::yoyo_migrations_up_to(migrations, "0001_create_notes", {}).size() == 1);
  const auto unknown =
      problems_of([&] { stamp::yoyo_migrations_up_to(migrations, "0002_tag", {}); });
  CHECK_THAT(unknown.at(0).message, Catch::Contains("unknown yoyo migration '0002_tag'"));
  CHECK_THAT(unknown.at(0).message, Catch::Contains("did you mean '0002_tags'"));
  const auto none = problems_of([&] { stamp::yoyo_migrations_up_to({}, "latest", {}); });
  CHECK_THAT(none.at(0).message, Catch::Contains("no yoyo migration found"));
}

TEST_CASE("yoyo_stamp_plan writes yoyo's four tables", "[stamp]") {
  const auto plan = stamp::yoyo_stamp_plan({"", "_yoyo_migration"},
                                           stamp::read_yoyo_migrations(data_dir + "yoyo"), quote);
  REQUIRE(plan.rows.size() == 2);
  CHECK(plan.rows[1] ==
        std::vector<stamp::StampValue>{stamp::read_yoyo_migrations(data_dir + "yoyo")[1].hash,
                                       "0002_tags", "1"});
  CHECK(plan.volatile_columns == std::vector<std::string>{"applied_at_utc"});
  REQUIRE(plan.companions.size() == 3);
  CHECK(plan.companions[0].qualified_table == R"("_yoyo_version")");
  CHECK(plan.companions[0].rows.at(0).at(0) == "2"); // yoyo's internal schema version
  CHECK(plan.companions[1].qualified_table == R"("_yoyo_log")");
  CHECK(plan.companions[1].clear_statement.empty()); // created, never emptied
  CHECK(plan.companions[2].qualified_table == R"("yoyo_lock")");
  CHECK(plan.summary == R"(yoyo: "_yoyo_migration" with 2 migrations, up to 0002_tags)");
}
