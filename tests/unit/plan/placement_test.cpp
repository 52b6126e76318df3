#include "support/catalog_builder.hpp"
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

namespace {

CatalogBuilder access_logs() {
  CatalogBuilder catalog;
  auto& logs = catalog.table("public", "access_logs", 0);
  logs.kind = catalog::TableKind::partitioned_table;
  catalog.partition("access_logs", "access_logs_2024");
  catalog.partition("access_logs", "access_logs_default");
  catalog.table("public", "users");
  return catalog;
}

plan::Plan plan_logs(const CatalogBuilder& catalog, const std::string& targets) {
  return plan::build_plan(
      mapping_from("source: {url: \"postgresql://src/m\"}\ntargets:\n" + targets),
      catalog.catalog());
}

} // namespace

TEST_CASE("partitions follow their parent", "[plan]") {
  const auto catalog = access_logs();
  const auto ok = plan_logs(catalog, R"(
  logs: {url: "postgresql://h/l", tables: ["access_*", users]}
)");
  CHECK_FALSE(ok.has_errors());
  const auto& tables = ok.find_target("logs")->tables;
  REQUIRE(tables.size() == 4); // roots largest first (users), then the partitions
  CHECK(tables[1].source_name.name == "access_logs");
  CHECK(tables[2].root == tables[1].table);
  CHECK(tables[3].root == tables[1].table);
}

TEST_CASE("a partition listed next to its parent is accepted with a warning", "[plan]") {
  const auto catalog = access_logs();
  // As pasted from \dt: the partition before its parent, in the same target.
  const auto plan = plan_logs(catalog, R"(
  logs: {url: "postgresql://h/l", tables: [access_logs_2024, access_logs, users]}
)");
  CHECK_FALSE(plan.has_errors());
  CHECK_THAT(messages(plan, Severity::warning),
             Contains("table public.access_logs_2024 is a partition or child of "
                      "public.access_logs: it follows its parent to target logs anyway") &&
                 Contains("can be removed"));
  // Placed once, as a partition of its root.
  CHECK(table_names(plan, "logs") == std::vector<std::string>{"public.users", "public.access_logs",
                                                              "public.access_logs_2024",
                                                              "public.access_logs_default"});
}

TEST_CASE("an inheritance child listed next to its parent is accepted", "[plan]") {
  CatalogBuilder catalog;
  catalog.table("public", "events");
  catalog.table("public", "events_old").inherits = {catalog.oid_of("public", "events")};
  const auto plan = plan_logs(catalog, R"(
  audit: {url: "postgresql://h/a", tables: [events, events_old]}
)");
  CHECK_FALSE(plan.has_errors());
  CHECK_THAT(messages(plan, Severity::warning),
             Contains("public.events_old is a partition or child of public.events"));
  CHECK(plan.find_target("audit")->tables.size() == 2);
}

TEST_CASE("a partition listed away from its parent is an error", "[plan]") {
  const auto catalog = access_logs();
  const auto elsewhere = plan_logs(catalog, R"(
  logs: {url: "postgresql://h/l", tables: [access_logs]}
  web: {url: "postgresql://h/w", tables: [access_logs_2024, users]}
)");
  CHECK_THAT(messages(elsewhere, Severity::error),
             Contains("table public.access_logs_2024 is a partition or child of "
                      "public.access_logs, which goes to target logs: listing it in target web "
                      "would separate it from its parent") &&
                 Contains("map public.access_logs to target web"));

  const auto alone = plan_logs(catalog, R"(
  web: {url: "postgresql://h/w", tables: [access_logs_2024, users]}
)");
  CHECK_THAT(messages(alone, Severity::error),
             Contains("public.access_logs, which is mapped to no target"));

  const auto filtered = plan_logs(catalog, R"(
  logs:
    url: "postgresql://h/l"
    tables: [access_logs, users, {name: access_logs_2024, where: "true"}]
)");
  CHECK_THAT(messages(filtered, Severity::error),
             Contains("its own where, rename or replicate cannot apply"));
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

// The mapping loader refuses a rename on a glob entry (see table_config_test.cpp); the planner
// still guards a Mapping built in code: one match is renamed, several are an error.
TEST_CASE("a rename on a glob entry applies to a single match only", "[plan]") {
  auto mapping = mapping_from(two_targets); // auth: [users, "auth_*"]
  mapping.targets[0].tables[1].rename = config::NamePattern{"auth", "tokens"};

  const auto plan = plan::build_plan(mapping, job_board().catalog());
  const auto found = findings_with(plan, "rename needs a single table");
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::error);
  CHECK(found[0].diagnostic.message ==
        "rename needs a single table, but 'auth_*' matches 2 tables");
  CHECK(found[0].diagnostic.hint == "name the table exactly in the entry that renames it");
  CHECK(found[0].diagnostic.where.target == "auth");
  CHECK(found[0].diagnostic.where.table == "auth_*");

  CatalogBuilder one_match;
  one_match.table("public", "users");
  one_match.table("public", "auth_tokens");
  one_match.table("public", "invoices");
  const auto renamed = plan::build_plan(mapping, one_match.catalog());
  CHECK_FALSE(renamed.has_errors());
  auto names = table_names(renamed, "auth");
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"auth.tokens", "public.users"});
}
