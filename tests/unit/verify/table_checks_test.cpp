#include "support/catalog_builder.hpp"

#include <pgsplit/verify/table_checks.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::verify;

namespace {

plan::PlacedTable placed(catalog::Oid oid, std::string name, std::int64_t size,
                         std::optional<std::string> where = std::nullopt) {
  return {.table = oid,
          .source_name = {"app", name},
          .target_name = {"app", name},
          .where = std::move(where),
          .size_bytes = size};
}

} // namespace

TEST_CASE("plan_table_checks: one check per target table, largest first", "[verify]") {
  testing::CatalogBuilder builder;
  builder.next_oid(1).bare_table("app", "small");
  builder.bare_table("app", "events").kind = catalog::TableKind::partitioned_table;
  builder.bare_table("app", "events_2024");
  builder.bare_table("app", "remote").kind = catalog::TableKind::foreign_table;
  builder.bare_table("app", "big");
  const catalog::Catalog& catalog = builder.catalog();
  plan::Plan plan;
  plan.targets.push_back({.name = "crm", .url_description = "postgresql://crm"});
  auto& tables = plan.targets.back().tables;
  tables = {placed(1, "small", 10),
            placed(2, "events", 0, "kind = 'a'"),
            placed(3, "events_2024", 50, "kind = 'a'"),
            placed(4, "remote", 0),
            placed(5, "big", 1000),
            placed(3, "events_2024", 50, "kind = 'b'")};
  plan.targets.push_back({.name = "billing"});
  plan.targets.back().tables = {placed(1, "small", 10, "kind = 'b'")};

  VerifyReport report;
  const auto jobs = plan_table_checks(plan, catalog, report);

  REQUIRE(report.targets.size() == 2);
  CHECK(report.targets[0].connection == "postgresql://crm");
  // The partitioned table holds no rows; the foreign table is not created.
  REQUIRE(report.targets[0].tables.size() == 3);
  CHECK(report.targets[0].tables[0].source_name.name == "small");
  CHECK(report.targets[0].tables[1].source_name.name == "events_2024");
  // Two claims fill one target table: compared together, their filters ORed.
  CHECK(report.targets[0].tables[1].where == "(kind = 'a') OR (kind = 'b')");
  CHECK(report.targets[0].tables[2].source_name.name == "big");
  CHECK(report.targets[1].tables.size() == 1);
  CHECK(report.counted.tables == 4);
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings[0].outcome == Outcome::not_checked);
  CHECK(report.findings[0].object == "app.remote");

  REQUIRE(jobs.size() == 4);
  CHECK(jobs[0].source->name.name == "big");
  CHECK(jobs[1].source->name.name == "events_2024");
  CHECK(jobs[1].filters.size() == 2);
  CHECK(jobs[1].target == 0);
  CHECK(jobs[1].table == 1);
  CHECK(jobs[3].target == 1);
}
