#include "support/catalog_builder.hpp"
#include "unit/plan/test_helpers.hpp"

#include <pgsplit/plan/build_plan.hpp>
#include <pgsplit/probe/probe.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing;
using Catch::Matchers::Contains;
using plan::Severity;

namespace {

struct Fixture {
  CatalogBuilder builder;
  config::Mapping mapping;
  plan::Plan plan;
  plan::Facts facts;

  explicit Fixture(const std::string& options = "{}") {
    builder.table("public", "users")
        .columns.push_back({.name = "email", .number = 2, .type = "text", .type_oid = 25});
    builder.table("public", "invoices");
    mapping = mapping_from(R"(
source: {url: "postgresql://src/m"}
targets:
  auth: {url: "postgresql://u:hunter2@h/auth", tables: [users]}
  billing: {url: "postgresql://h/billing", create_database: true, tables: [invoices]}
options: )" + options + "\n");
    plan = plan::build_plan(mapping, builder.catalog());
    probe::describe_connections(plan, mapping); // as `pgsplit plan` does
    facts.targets = {healthy("auth"), healthy("billing")};
  }

  static plan::TargetFacts healthy(const std::string& name) {
    plan::TargetFacts facts;
    facts.target = name;
    facts.reachable = true;
    facts.server_version = 150004;
    facts.encoding = "UTF8";
    facts.can_create = true;
    facts.available_extensions = {"plpgsql", "pgcrypto"};
    return facts;
  }

  plan::Plan checked() {
    plan::check_preflight(plan, mapping, builder.catalog(), facts);
    return plan;
  }
};

} // namespace

TEST_CASE("healthy targets pass the preflight", "[plan]") {
  Fixture fixture;
  CHECK_FALSE(fixture.checked().has_errors());
}

TEST_CASE("unreachable and missing targets are errors naming the target", "[plan]") {
  Fixture fixture;
  fixture.facts.targets[0].reachable = false;
  fixture.facts.targets[0].connection_error = "connection refused";
  fixture.facts.targets[0].connection_hint = "check the host and port";
  fixture.facts.targets[1].database_exists = false;
  fixture.facts.targets[1].reachable = false;
  fixture.facts.targets[1].can_create = false;
  const auto plan = fixture.checked();
  const auto errors = messages(plan, Severity::error);
  CHECK_THAT(errors, Contains("(target auth): cannot connect to target: connection refused"));
  CHECK_THAT(errors, Contains("target database postgresql://h/billing does not exist and this "
                              "role may not create databases"));
  CHECK_THAT(errors, !Contains("hunter2"));
}

TEST_CASE("a missing database without create_database is an error", "[plan]") {
  Fixture fixture;
  fixture.facts.targets[0].database_exists = false;
  fixture.facts.targets[0].reachable = false;
  CHECK_THAT(messages(fixture.checked(), Severity::error),
             Contains("target database postgresql://u:***@h/auth does not exist") &&
                 Contains("create_database: true"));
}

TEST_CASE("the source database as a target, bad encoding, no privilege", "[plan]") {
  Fixture fixture;
  fixture.facts.targets[0].is_source_database = true;
  fixture.facts.targets[1].encoding = "LATIN1";
  fixture.facts.targets[1].can_create = false;
  const auto checked = fixture.checked();
  const auto errors = messages(checked, Severity::error);
  CHECK_THAT(errors, Contains("is the source database itself"));
  CHECK_THAT(errors,
             Contains("target encoding LATIN1 cannot hold every character of the source's UTF8"));
  CHECK_THAT(errors, Contains("may not create schemas or tables"));
}

TEST_CASE("an extension a target needs but its server lacks is an error naming both", "[plan]") {
  Fixture fixture;
  // public.users has a citext column: auth needs the extension, billing does not.
  const auto citext = fixture.builder.extension("citext", "public", "1.6").oid;
  fixture.builder.depends({catalog::ObjectKind::table, fixture.builder.oid_of("public", "users")},
                          {catalog::ObjectKind::extension, citext});
  fixture.plan = plan::build_plan(fixture.mapping, fixture.builder.catalog());
  REQUIRE(fixture.plan.find_target("auth")->extensions == std::vector<catalog::Oid>{citext});
  REQUIRE(fixture.plan.find_target("billing")->extensions.empty());
  // Available elsewhere (plpgsql, pgcrypto) is not enough.
  const auto plan = fixture.checked();
  const auto found = findings_with(plan, "citext");
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::error);
  CHECK(found[0].diagnostic.message ==
        "extension citext is needed but not available on the target server");
  CHECK(found[0].diagnostic.hint ==
        "install its package on the target server (e.g. postgresql-contrib)");
  CHECK(found[0].diagnostic.where.target == "auth");
  CHECK(count_of(plan, Severity::error) == 1);

  Fixture installed;
  installed.builder = fixture.builder;
  installed.plan = plan::build_plan(installed.mapping, installed.builder.catalog());
  installed.facts.targets[0].available_extensions.push_back("citext");
  const auto passed = installed.checked();
  CHECK(findings_with(passed, "citext").empty());
  CHECK_FALSE(passed.has_errors());
}

// Found while testing the rule above: for a database pgsplit is to create, the server's facts
// (read from its maintenance database) were never checked, so a missing extension failed
// `apply` after the database had been created.
TEST_CASE("a database to be created is checked against its server too", "[plan]") {
  Fixture fixture;
  const auto citext = fixture.builder.extension("citext", "public", "1.6").oid;
  fixture.builder.depends(
      {catalog::ObjectKind::table, fixture.builder.oid_of("public", "invoices")},
      {catalog::ObjectKind::extension, citext});
  fixture.plan = plan::build_plan(fixture.mapping, fixture.builder.catalog());
  auto& billing = fixture.facts.targets[1]; // create_database: true
  billing.database_exists = false;
  billing.reachable = false;
  billing.can_create = true;
  billing.server_version = 140009;
  const auto plan = fixture.checked();
  const auto missing = findings_with(plan, "citext");
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].severity == Severity::error);
  CHECK(missing[0].diagnostic.where.target == "billing");
  CHECK(findings_with(plan, "older than the source").size() == 1);
  CHECK(count_of(plan, Severity::error) == 1); // nothing said about its (absent) tables
}

TEST_CASE("a target server of an older major version than the source is a warning", "[plan]") {
  Fixture fixture; // the source is 15.0
  fixture.facts.targets[0].server_version = 140011;
  const auto plan = fixture.checked();
  const auto found = findings_with(plan, "older than the source");
  REQUIRE(found.size() == 1);
  CHECK(found[0].severity == Severity::warning);
  CHECK(found[0].diagnostic.message ==
        "target server version 14 is older than the source's (15): the DDL generated from the "
        "source may be refused");
  CHECK(found[0].diagnostic.hint ==
        "use a target server of version 15 or later, or check `pgsplit plan --sql` on this one");
  CHECK(found[0].diagnostic.where.target == "auth");
  CHECK_FALSE(plan.has_errors());

  // An older minor release of the same major, a newer major and an unknown version (0) pass.
  for (const int version : {150000, 160002, 0}) {
    Fixture same;
    same.builder.server_version(150004);
    same.plan = plan::build_plan(same.mapping, same.builder.catalog());
    same.facts.targets[0].server_version = version;
    INFO("target version " << version);
    CHECK(findings_with(same.checked(), "older than the source").empty());
  }
}

TEST_CASE("target tables holding rows: error under fail, warning under truncate", "[plan]") {
  for (const std::string policy : {"fail", "truncate"}) {
    Fixture fixture("{if_target_not_empty: " + policy + "}");
    fixture.facts.targets[0].existing_tables.push_back({{"public", "users"}, true, {}});
    const auto plan = fixture.checked();
    if (policy == "fail") {
      CHECK_THAT(messages(plan, Severity::error),
                 Contains("target table public.users already holds rows") && Contains("--resume"));
    } else {
      CHECK_FALSE(plan.has_errors());
      CHECK_THAT(messages(plan, Severity::warning), Contains("apply will truncate it"));
    }
  }
}

TEST_CASE("schema: existing needs every source column in the target", "[plan]") {
  Fixture fixture("{schema: existing}");
  fixture.facts.targets[0].existing_tables.push_back(
      {{"public", "users"}, false, {{"id", "bigint"}, {"extra", "text"}}});
  const auto plan = fixture.checked();
  const auto errors = messages(plan, Severity::error);
  CHECK_THAT(errors, Contains("column email of public.users is missing in the target table"));
  CHECK_THAT(errors, Contains("table public.invoices does not exist in target billing"));
  CHECK_THAT(messages(plan, Severity::warning),
             Contains("column id is integer in the source but bigint in the target"));
}

TEST_CASE("source sessions, broken filters and uncovered rows are reported", "[plan]") {
  Fixture fixture;
  const auto users = fixture.builder.oid_of("public", "users");
  fixture.facts.source.other_sessions = 2;
  fixture.facts.source.other_applications = {"auth-service"};
  fixture.facts.source.filter_checks.push_back({users, "auth", "column \"kind\" does not exist"});
  fixture.facts.source.filter_coverage.push_back({users, 3, 1});
  const auto plan = fixture.checked();
  CHECK_THAT(messages(plan, Severity::warning),
             Contains("2 other sessions are connected to the source database (auth-service)"));
  const auto errors = messages(plan, Severity::error);
  CHECK_THAT(errors,
             Contains("the where filter is refused by the source: column \"kind\" does not exist"));
  CHECK_THAT(errors, Contains("3 rows of public.users match none of its where filters"));
  CHECK_THAT(messages(plan, Severity::warning), Contains("1 row of public.users matches several"));
}

TEST_CASE("stamp problems become errors and summaries reach the target", "[plan]") {
  Fixture fixture;
  fixture.facts.stamps.push_back(
      {"auth", {"alembic public.alembic_version → 4f1e"}, {{{.file = "v/x.py"}, "two heads", ""}}});
  const auto plan = fixture.checked();
  CHECK(plan.find_target("auth")->stamp_summaries ==
        std::vector<std::string>{"alembic public.alembic_version → 4f1e"});
  CHECK_THAT(messages(plan, Severity::error), Contains("v/x.py: two heads"));
}
