#include "unit/plan/catalog_builder.hpp"
#include "unit/plan/test_helpers.hpp"

#include <pgsplit/plan/build_plan.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;
using Catch::Matchers::Contains;
using plan::Severity;

namespace {

const char* two_targets = R"(
source: {url: "postgresql://u:pw@src/monolith"}
targets:
  auth:
    url: "postgresql://u@h/auth"
    tables: [users, "auth_*"]
  billing:
    url: "postgresql://u@h/billing"
    tables: [invoices]
)";

CatalogBuilder job_board() {
  CatalogBuilder builder;
  builder.table("public", "users", 1000);
  builder.table("public", "auth_tokens", 5000);
  builder.table("public", "auth_sessions", 3000);
  builder.table("public", "invoices", 9000);
  return builder;
}

} // namespace

TEST_CASE("exact names and globs place every table, largest first", "[plan]") {
  const auto catalog = job_board();
  const auto plan = plan::build_plan(mapping_from(two_targets), catalog.catalog());
  CHECK_FALSE(plan.has_errors());
  CHECK(table_names(plan, "auth") ==
        std::vector<std::string>{"public.auth_tokens", "public.auth_sessions", "public.users"});
  CHECK(table_names(plan, "billing") == std::vector<std::string>{"public.invoices"});
  CHECK(plan.find_target("auth")->url_description == "postgresql://u@h/auth");
  CHECK(plan.source_description == "postgresql://u:***@src/monolith");
}

TEST_CASE("unmapped tables are one error listing them all", "[plan]") {
  auto catalog = job_board();
  catalog.table("public", "orphans");
  catalog.table("public", "leftovers");
  const auto plan = plan::build_plan(mapping_from(two_targets), catalog.catalog());
  REQUIRE(count_of(plan, Severity::error) == 1);
  CHECK_THAT(messages(plan, Severity::error),
             Contains("2 source tables are not mapped to any target and not excluded") &&
                 Contains("public.orphans") && Contains("public.leftovers") &&
                 Contains("exclude:"));
}

TEST_CASE("a name or glob matching nothing is an error with a suggestion", "[plan]") {
  const auto catalog = job_board();
  const auto plan = plan::build_plan(mapping_from(R"(
source: {url: "postgresql://src/m"}
targets:
  auth: {url: "postgresql://h/a", tables: [user, "auth_*", users, "nothing_*", invoices]}
)"),
                                     catalog.catalog());
  const auto errors = messages(plan, Severity::error);
  CHECK_THAT(errors, Contains("'user' matches no table of the source; did you mean 'users'?"));
  CHECK_THAT(errors, Contains("'nothing_*' matches no table"));
  CHECK_THAT(errors, Contains("/work/pgsplit.yaml:4:"));
  CHECK_THAT(errors, Contains("target auth"));
}

TEST_CASE("an unqualified name resolves in public first, else in its only schema", "[plan]") {
  CatalogBuilder catalog;
  catalog.table("public", "events");
  catalog.table("audit", "events");
  catalog.table("audit", "trail");
  catalog.table("billing", "trail");
  catalog.table("billing", "ledger");
  const auto plan = plan::build_plan(mapping_from(R"(
source: {url: "postgresql://src/m"}
targets:
  a: {url: "postgresql://h/a", tables: [events, audit.events, ledger, trail]}
exclude: [billing.trail]
)"),
                                     catalog.catalog());
  CHECK_THAT(messages(plan, Severity::error),
             Contains("table name 'trail' is ambiguous: it exists in schemas audit, billing"));
  const auto names = table_names(plan, "a");
  CHECK(std::count(names.begin(), names.end(), "public.events") == 1);
  CHECK(std::count(names.begin(), names.end(), "audit.events") == 1);
  CHECK(std::count(names.begin(), names.end(), "billing.ledger") == 1);
}

TEST_CASE("a table in two targets needs replicate or where on every occurrence", "[plan]") {
  const auto catalog = job_board();
  const auto conflicting = plan::build_plan(mapping_from(R"(
source: {url: "postgresql://src/m"}
targets:
  auth: {url: "postgresql://h/a", tables: [users, "auth_*", invoices]}
  billing: {url: "postgresql://h/b", tables: [invoices, users]}
)"),
                                            catalog.catalog());
  CHECK_THAT(messages(conflicting, Severity::error),
             Contains("table public.users is mapped to several targets: auth (") &&
                 Contains("replicate: true"));

  const auto deliberate = plan::build_plan(mapping_from(R"(
source: {url: "postgresql://src/m"}
targets:
  auth:
    url: "postgresql://h/a"
    tables: ["auth_*", {name: users, replicate: true}, {name: invoices, where: "kind = 'auth'"}]
  billing:
    url: "postgresql://h/b"
    tables: [{name: users, replicate: true}, {name: invoices, where: "kind <> 'auth'"}]
)"),
                                           catalog.catalog());
  CHECK_FALSE(deliberate.has_errors());
  CHECK(deliberate.placements_of(catalog.oid_of("public", "users")).size() == 2);
  const auto invoices = deliberate.placements_of(catalog.oid_of("public", "invoices"));
  REQUIRE(invoices.size() == 2);
  CHECK(invoices[0]->where == "kind = 'auth'");
}

TEST_CASE("migration version tables are excluded and listed unless named exactly", "[plan]") {
  auto catalog = job_board();
  catalog.table("public", "alembic_version");
  catalog.table("public", "alembic_version_auth");
  catalog.table("public", "flyway_schema_history");
  const auto plan = plan::build_plan(mapping_from(R"(
source: {url: "postgresql://src/m"}
targets:
  auth: {url: "postgresql://h/a", tables: ["*", flyway_schema_history]}
)"),
                                     catalog.catalog());
  CHECK_FALSE(plan.has_errors());
  std::vector<std::string> excluded;
  for (const auto& table : plan.excluded) {
    CHECK(table.version_table);
    excluded.push_back(table.name.to_string());
  }
  CHECK(excluded ==
        std::vector<std::string>{"public.alembic_version", "public.alembic_version_auth"});
  CHECK_THAT(plan.excluded.front().why, Contains("alembic"));
  const auto names = table_names(plan, "auth");
  CHECK(std::count(names.begin(), names.end(), "public.flyway_schema_history") == 1);
}

TEST_CASE("excluded tables are left behind, excluding a mapped table is an error", "[plan]") {
  auto catalog = job_board();
  catalog.table("public", "tmp_import");
  const auto plan = plan::build_plan(mapping_from(R"(
source: {url: "postgresql://src/m"}
exclude: ["public.tmp_*", "old_*", invoices]
targets:
  auth: {url: "postgresql://h/a", tables: ["*", invoices]}
)"),
                                     catalog.catalog());
  CHECK_THAT(
      messages(plan, Severity::error),
      Contains("table public.invoices is both excluded (by 'invoices') and mapped to target auth"));
  CHECK_THAT(messages(plan, Severity::warning),
             Contains("exclude pattern 'old_*' matches no table"));
  REQUIRE(plan.excluded.size() == 2);
  CHECK(plan.excluded[1].name.to_string() == "public.tmp_import");
  CHECK(plan.excluded[1].why == "excluded by 'public.tmp_*'");
}

TEST_CASE("partitions follow their parent and cannot be mapped alone", "[plan]") {
  CatalogBuilder catalog;
  auto& logs = catalog.table("public", "access_logs", 0);
  logs.kind = catalog::TableKind::partitioned_table;
  catalog.partition("access_logs", "access_logs_2024");
  catalog.partition("access_logs", "access_logs_default");
  const auto ok = plan::build_plan(mapping_from(R"(
source: {url: "postgresql://src/m"}
targets:
  logs: {url: "postgresql://h/l", tables: ["access_*"]}
)"),
                                   catalog.catalog());
  CHECK_FALSE(ok.has_errors());
  const auto& tables = ok.find_target("logs")->tables;
  REQUIRE(tables.size() == 3);
  CHECK(tables[0].source_name.name == "access_logs");
  CHECK(tables[1].root == tables[0].table);
  CHECK(tables[2].root == tables[0].table);

  const auto wrong = plan::build_plan(mapping_from(R"(
source: {url: "postgresql://src/m"}
targets:
  logs: {url: "postgresql://h/l", tables: [access_logs_2024, access_logs]}
)"),
                                      catalog.catalog());
  CHECK_THAT(
      messages(wrong, Severity::error),
      Contains("table public.access_logs_2024 is a partition or child of public.access_logs"));
}

TEST_CASE("rename moves a table and its partitions into another schema", "[plan]") {
  CatalogBuilder catalog;
  catalog.table("public", "audit_events", 0).kind = catalog::TableKind::partitioned_table;
  catalog.partition("audit_events", "audit_events_default");
  catalog.table("public", "other");
  const auto plan = plan::build_plan(mapping_from(R"(
source: {url: "postgresql://src/m"}
targets:
  logs:
    url: "postgresql://h/l"
    tables: [{name: audit_events, rename: audit.events}, {name: other, rename: renamed}]
)"),
                                     catalog.catalog());
  CHECK_FALSE(plan.has_errors());
  const auto names = table_names(plan, "logs");
  CHECK(std::count(names.begin(), names.end(), "audit.events") == 1);
  CHECK(std::count(names.begin(), names.end(), "audit.audit_events_default") == 1);
  CHECK(std::count(names.begin(), names.end(), "public.renamed") == 1);
  const auto& schemas = plan.find_target("logs")->schemas;
  CHECK(std::find(schemas.begin(), schemas.end(), "audit") != schemas.end());
}

TEST_CASE("two tables renamed to one name in a target is an error", "[plan]") {
  CatalogBuilder catalog;
  catalog.table("public", "a");
  catalog.table("public", "b");
  const auto plan = plan::build_plan(mapping_from(R"(
source: {url: "postgresql://src/m"}
targets:
  t: {url: "postgresql://h/t", tables: [{name: a, rename: c}, {name: b, rename: c}]}
)"),
                                     catalog.catalog());
  CHECK_THAT(messages(plan, Severity::error),
             Contains("tables public.a and public.b would both become public.c in target t"));
}
