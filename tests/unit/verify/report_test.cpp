#include "unit/verify/render_fixture.hpp"

#include <catch2/catch.hpp>

#include <limits>

using namespace pgsplit::verify;

TEST_CASE("format_count groups thousands", "[verify]") {
  CHECK(format_count(0) == "0");
  CHECK(format_count(999) == "999");
  CHECK(format_count(1000) == "1,000");
  CHECK(format_count(12345) == "12,345");
  CHECK(format_count(-1234567) == "-1,234,567");
  CHECK(format_count(std::numeric_limits<std::int64_t>::min()) == "-9,223,372,036,854,775,808");
}

TEST_CASE("a table matches when both counts exist, agree, and the checksums do not differ",
          "[verify]") {
  TableCheck table{{"a", "t"}, {"a", "t"}, std::nullopt, 5, 5, ChecksumStatus::not_computed, {}};
  CHECK(table.matches());
  table.checksum = ChecksumStatus::mismatch;
  CHECK_FALSE(table.matches());
  table.checksum = ChecksumStatus::match;
  table.target_rows = 4;
  CHECK_FALSE(table.matches());
  table.target_rows.reset();
  table.problem = "relation \"a.t\" does not exist";
  CHECK_FALSE(table.matches());
}

TEST_CASE("every mismatching table becomes a finding, not-checked findings do not fail",
          "[verify]") {
  const auto clean = pgsplit::testing::make_report(false);
  CHECK(clean.ok());
  CHECK(clean.mismatches() == 0);
  CHECK(clean.table_count() == 3);
  CHECK(clean.source_rows() == 12355);

  const auto failed = pgsplit::testing::make_report(true);
  CHECK(failed.mismatches() == 2);
  REQUIRE(failed.findings.size() == 3);
  // Sorted by check, then target.
  CHECK(failed.findings[0].check == CheckKind::rows);
  CHECK(failed.findings[0].object == "app.events");
  CHECK(failed.findings[0].message == "source 7 rows, target 6 rows (-1 in the target)");
  CHECK(failed.findings[1].check == CheckKind::sequence);
  CHECK(failed.findings[2].check == CheckKind::stamp);
}

TEST_CASE("same counts with different checksums is a checksum finding", "[verify]") {
  VerifyReport report;
  report.targets.push_back({"crm", "", {}});
  report.targets[0].tables.push_back(
      {{"app", "t"}, {"crm", "t"}, std::nullopt, 5, 5, ChecksumStatus::mismatch, {}});
  add_table_findings(report);
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings[0].check == CheckKind::checksum);
  CHECK(report.findings[0].message ==
        "same 5 rows, different contents (checksums differ) [source app.t]");
}
