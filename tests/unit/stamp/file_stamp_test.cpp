#include "support/problems.hpp"

#include <pgsplit/stamp/file_stamp.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace pgsplit;
using pgsplit::testing::problems_of;
using Source = config::FileColumn::Source;
using Row = std::vector<stamp::StampValue>;

namespace {

const std::string data_dir = std::string(PGSPLIT_TEST_DATA_DIR) + "/stamp/";

std::string quote(std::string_view name) { return "\"" + std::string(name) + "\""; }

const char* const pattern_text = R"((?P<version>[0-9]+)_(?<name>[a-z_]+)\.sql)";

} // namespace

TEST_CASE("compile_file_pattern turns named groups into numbered ones", "[stamp]") {
  const auto pattern = stamp::compile_file_pattern(pattern_text, {});
  CHECK(pattern.regex == R"(([0-9]+)_([a-z_]+)\.sql)");
  CHECK(pattern.groups.at("version") == 1);
  CHECK(pattern.groups.at("name") == 2);
  // Non-capturing groups, escaped and bracketed parentheses do not count.
  const auto other =
      stamp::compile_file_pattern(R"((?:V|v)(\()[(](?<name>x)_(?<version>[0-9]+))", {});
  CHECK(other.groups.at("name") == 2);
  CHECK(other.groups.at("version") == 3);
}

TEST_CASE("a file pattern without a version group, or invalid, is an error", "[stamp]") {
  core::Location origin;
  origin.line = 7;
  const auto no_version =
      problems_of([&] { stamp::compile_file_pattern(R"((?<name>.+)\.sql)", origin); });
  CHECK(no_version.at(0).where.line == 7);
  CHECK_THAT(no_version[0].message, Catch::Contains("no group named version"));
  const auto invalid =
      problems_of([&] { stamp::compile_file_pattern("(?<version>[0-9+", origin); });
  CHECK_THAT(invalid.at(0).message, Catch::Contains("not a valid regular expression"));
}

TEST_CASE("read_migration_files keeps matching files in version order", "[stamp]") {
  const auto pattern = stamp::compile_file_pattern(pattern_text, {});
  const auto files = stamp::read_migration_files(data_dir + "files", pattern);
  REQUIRE(files.size() == 3); // notes.txt does not match
  CHECK(files[0].version == "001");
  CHECK(files[0].name == "create_users");
  CHECK(files[2].version == "010");
  CHECK(stamp::migration_files_up_to(files, "002", {}).size() == 2);
  const auto unknown = problems_of([&] { stamp::migration_files_up_to(files, "003", {}); });
  CHECK_THAT(unknown.at(0).message, Catch::Contains("no migration file has version 003"));
  const auto duplicate = problems_of([] {
    stamp::read_migration_files(data_dir + "files_duplicate",
                                stamp::compile_file_pattern(R"((?<version>\d+)_\w+\.sql)", {}));
  });
  CHECK_THAT(duplicate.at(0).message, Catch::Contains("version 1 is also the version of"));
}

TEST_CASE("file_stamp_plan fills each column from its source", "[stamp]") {
  const auto pattern = stamp::compile_file_pattern(pattern_text, {});
  const auto files = stamp::read_migration_files(data_dir + "files", pattern);
  config::StampSettingsA settings;
  settings.columns = {{"version", Source::version, {}},
                      {"name", Source::name, {}},
                      {"script", Source::file, {}},
                      {"checksum", Source::sha256, {}},
                      {"md5", Source::md5, {}},
                      {"applied_at", Source::now, {}},
                      {"status", Source::constant, "success"}};
  settings.create = "CREATE TABLE IF NOT EXISTS history (version text)";
  const auto plan = stamp::file_stamp_plan({"ops", "history"}, settings, pattern, files, {}, quote);
  CHECK(plan.create_statements == std::vector<std::string>{settings.create});
  CHECK(plan.insert_statement ==
        R"(INSERT INTO "ops"."history" ("version", "name", "script", "checksum", "md5", )"
        R"("applied_at", "status") VALUES ($1, $2, $3, $4, $5, now(), $6))");
  REQUIRE(plan.rows.size() == 3);
  CHECK(plan.rows[0] == Row{"001", "create_users", "001_create_users.sql",
                            "537129faaa4be351bd58fa07b80cf56476785f89e597a6820328d2c49ac6ae05",
                            "6fe55c77f5ecf77dee64f583838eb8dd", "success"});
  CHECK(plan.volatile_columns == std::vector<std::string>{"applied_at"});
  CHECK(plan.key_columns == std::vector<std::string>{"version"});
  CHECK(plan.compared_columns ==
        std::vector<std::string>{"version", "name", "script", "checksum", "md5", "status"});
  CHECK(plan.summary == R"(files: "ops"."history" with 3 migrations, up to 010)");

  const auto without_name = stamp::compile_file_pattern(R"((?<version>\d+)_.+\.sql)", {});
  const auto problems = problems_of([&] {
    stamp::file_stamp_plan({"", "history"}, settings, without_name, files, {}, quote);
  });
  CHECK_THAT(problems.at(0).message, Catch::Contains("column name takes the name"));
}
