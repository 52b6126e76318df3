// options.schema: existing: the types of an existing target table compare with the source's by
// identity, whatever the sessions' search_path, and decide the copy format.
#include "support/sandbox.hpp"

#include <pgsplit/catalog/loader.hpp>
#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/copy/table_copy.hpp>
#include <pgsplit/plan/build_plan.hpp>
#include <pgsplit/probe/probe.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using Catch::Matchers::Contains;

namespace {

constexpr const char* people_schema = "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');"
                                      "CREATE TABLE people (id integer PRIMARY KEY, feeling mood,"
                                      "  name varchar(20), feelings mood[])";

struct Checked {
  plan::Plan plan;
  catalog::Catalog catalog;
};

// What `pgsplit plan` does: catalog, plan, probes, preflight, with `people` in target svc.
Checked plan_existing(const testing::TestDatabase& source, const testing::TestDatabase& target) {
  const auto mapping = config::parse_mapping(
      R"(
source: {url: "${SRC}"}
targets:
  svc: {url: "${TGT}", tables: [people]}
options: {schema: existing}
)",
      "/tmp/pgsplit-test.yaml",
      config::fixed_environment({{"SRC", source.url()}, {"TGT", target.url()}}));
  auto connection = pg::Connection::open(source.url(), {.read_only = true});
  connection.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  auto catalog = catalog::load_catalog(connection, {});
  auto plan = plan::build_plan(mapping, catalog);
  const auto facts = probe::probe_all(connection, mapping, plan, catalog);
  plan::check_preflight(plan, mapping, catalog, facts);
  return {std::move(plan), std::move(catalog)};
}

std::string findings(const plan::Plan& plan) {
  std::string text;
  for (const auto& finding : plan.findings) {
    text += finding.diagnostic.to_string() + "\n";
  }
  return text;
}

} // namespace

TEST_CASE("an enum of the same schema and name on both sides is no difference, binary copy",
          "[probe]") {
  testing::TestDatabase source("existing_types_src");
  testing::TestDatabase target("existing_types_tgt");
  // Enum columns only: an array of enums is copied in text whatever the schema mode.
  source.run("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');"
             "CREATE TABLE people (id integer PRIMARY KEY, feeling mood, name varchar(20))");
  target.run("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');"
             "CREATE TABLE people (id integer PRIMARY KEY, feeling mood, name varchar(20))");
  const auto checked = plan_existing(source, target);
  INFO(findings(checked.plan));
  CHECK(checked.plan.findings.empty());
  const auto& placed = checked.plan.find_target("svc")->tables.at(0);
  CHECK(placed.target_types_match);
  const auto copies = copy::table_copies(checked.catalog, *checked.plan.find_target("svc"), true);
  REQUIRE(copies.size() == 1);
  CHECK(copies[0].format == copy::CopyFormat::binary);
}

TEST_CASE("an array of a user type compares by identity too", "[probe]") {
  testing::TestDatabase source("existing_types_src");
  testing::TestDatabase target("existing_types_tgt");
  source.run(people_schema);
  target.run(people_schema);
  const auto checked = plan_existing(source, target);
  INFO(findings(checked.plan));
  CHECK(checked.plan.findings.empty());
  CHECK(checked.plan.find_target("svc")->tables.at(0).target_types_match);
  // The array of enums keeps the text format (its binary form carries the element type's OID).
  const auto copies = copy::table_copies(checked.catalog, *checked.plan.find_target("svc"), true);
  REQUIRE(copies.size() == 1);
  CHECK(copies[0].format == copy::CopyFormat::text);
}

TEST_CASE("a column of another type in the existing target is a warning and a text copy",
          "[probe]") {
  testing::TestDatabase source("existing_types_src");
  testing::TestDatabase target("existing_types_tgt");
  source.run("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');"
             "CREATE TABLE people (id integer PRIMARY KEY, feeling mood)");
  target.run("CREATE SCHEMA other; CREATE TYPE other.mood AS ENUM ('sad', 'ok', 'happy');"
             "CREATE TABLE people (id bigint PRIMARY KEY, feeling other.mood)");
  const auto checked = plan_existing(source, target);
  CHECK_THAT(findings(checked.plan),
             Contains("column id is integer in the source but bigint in the target") &&
                 Contains("column feeling is public.mood in the source but other.mood in the "
                          "target"));
  CHECK_FALSE(checked.plan.find_target("svc")->tables.at(0).target_types_match);
  const auto copies = copy::table_copies(checked.catalog, *checked.plan.find_target("svc"), true);
  REQUIRE(copies.size() == 1);
  CHECK(copies[0].format == copy::CopyFormat::text);
}
