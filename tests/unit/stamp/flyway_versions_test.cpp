#include "support/problems.hpp"

#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/flyway_versions.hpp>

#include <catch2/catch.hpp>

#include <compare>
#include <string>

using namespace pgsplit;
using StampValue = std::optional<std::string>;

using pgsplit::testing::problems_of;

namespace {

const std::string data_dir = std::string(PGSPLIT_TEST_DATA_DIR) + "/stamp/";

} // namespace

TEST_CASE("Flyway versions compare part by part, numerically", "[stamp]") {
  using stamp::compare_flyway_versions;
  CHECK(compare_flyway_versions("1", "1.1") == std::strong_ordering::less);
  CHECK(compare_flyway_versions("1.1", "1.9") == std::strong_ordering::less);
  CHECK(compare_flyway_versions("1.10", "1.9") == std::strong_ordering::greater);
  CHECK(compare_flyway_versions("1.10", "2") == std::strong_ordering::less);
  CHECK(compare_flyway_versions("2", "10") == std::strong_ordering::less);
  CHECK(compare_flyway_versions("1", "1.0") == std::strong_ordering::equal);
  CHECK(compare_flyway_versions("01.002", "1.2") == std::strong_ordering::equal);
  CHECK(compare_flyway_versions("20240101120000", "9") == std::strong_ordering::greater);
}

TEST_CASE("Flyway versions accept '.' and '_' as separators", "[stamp]") {
  CHECK(stamp::normalize_flyway_version("1_1") == "1.1");
  CHECK(stamp::normalize_flyway_version("2.0.3") == "2.0.3");
  const std::vector<std::string> bad_versions{
      "", "1.", ".1", "1..2", "1.x", "v1", std::string(51, '1')};
  for (const auto& bad : bad_versions) {
    INFO(bad);
    CHECK_FALSE(stamp::normalize_flyway_version(bad));
  }
}

TEST_CASE("read_flyway_migrations orders V files by version and ignores the rest", "[stamp]") {
  const auto migrations = stamp::read_flyway_migrations(data_dir + "flyway");
  std::vector<std::string> versions;
  for (const auto& migration : migrations) {
    versions.push_back(migration.version);
  }
  // R__, U and README are skipped; archive/V3 is found because Flyway scans subfolders.
  CHECK(versions == std::vector<std::string>{"1", "1.1", "1.9", "1.10", "2", "3", "10"});
  CHECK(migrations[2].description == "add roles");
  CHECK_THAT(migrations[2].file.string(), Catch::EndsWith("V1_9__add_roles.sql"));

  const auto latest = stamp::resolve_flyway_version(&migrations, "latest", {});
  CHECK(latest.version == "10");
  CHECK(latest.description == "add audit log");
}

TEST_CASE("a literal Flyway version must be valid and, with files, exist", "[stamp]") {
  const auto migrations = stamp::read_flyway_migrations(data_dir + "flyway");
  CHECK(stamp::resolve_flyway_version(&migrations, "1_10", {}).description == "add users index");
  CHECK(stamp::resolve_flyway_version(nullptr, "7.2", {}).version == "7.2");

  const auto unknown = problems_of([&] { stamp::resolve_flyway_version(&migrations, "1.11", {}); });
  REQUIRE(unknown.size() == 1);
  CHECK_THAT(unknown[0].message, Catch::Contains("unknown Flyway version '1.11'"));

  const auto invalid = problems_of([] { stamp::resolve_flyway_version(nullptr, "v2", {}); });
  REQUIRE(invalid.size() == 1);
  CHECK_THAT(invalid[0].message, Catch::Contains("not a Flyway version"));

  const auto latest_without_files =
      problems_of([] { stamp::resolve_flyway_version(nullptr, "latest", {}); });
  REQUIRE(latest_without_files.size() == 1);
  CHECK_THAT(latest_without_files[0].hint, Catch::Contains("migrations_dir"));
}

TEST_CASE("Flyway duplicate and invalid versions are errors naming the files", "[stamp]") {
  const auto duplicate =
      problems_of([] { stamp::read_flyway_migrations(data_dir + "flyway_duplicate"); });
  REQUIRE(duplicate.size() == 1);
  CHECK_THAT(duplicate[0].message,
             Catch::Contains("V1.0__same_version.sql") || Catch::Contains("V1__first.sql"));

  const auto invalid =
      problems_of([] { stamp::read_flyway_migrations(data_dir + "flyway_bad_version"); });
  REQUIRE(invalid.size() == 1);
  CHECK_THAT(invalid[0].where.file, Catch::EndsWith("V1.x__not_numeric.sql"));
  CHECK_THAT(invalid[0].message, Catch::Contains("'1.x'"));

  const auto missing = problems_of([] { stamp::read_flyway_migrations(data_dir + "nowhere"); });
  REQUIRE(missing.size() == 1);
  CHECK_THAT(missing[0].message, Catch::Contains("does not exist"));
}

TEST_CASE("flyway_baseline_row holds the values of flyway baseline", "[stamp]") {
  const auto row = stamp::flyway_baseline_row("10", std::string("deployer"));
  REQUIRE(row.size() == stamp::flyway_baseline_columns.size());
  const std::vector<StampValue> expected{"1",
                                         "10",
                                         "<< Flyway Baseline >>",
                                         "BASELINE",
                                         "<< Flyway Baseline >>",
                                         std::nullopt,
                                         "deployer",
                                         "0",
                                         "true"};
  CHECK(row == expected);
  CHECK(stamp::flyway_baseline_row("10", std::nullopt)[6] == std::nullopt);
}
