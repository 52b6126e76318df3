#include "support/problems.hpp"

#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/stamp_target.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

using namespace pgsplit;
using Catch::Matchers::Contains;

namespace {

const std::string data_dir = std::string(PGSPLIT_TEST_DATA_DIR) + "/stamp/";

std::string quote(std::string_view name) { return "\"" + std::string(name) + "\""; }

// The single target "svc" of a mapping with these `stamp:` entries.
config::Target target_with(const std::string& stamps) {
  const auto text = fmt::format("source:\n  url: postgresql://db/monolith\ntargets:\n  svc:\n"
                                "    url: postgresql://db/svc\n    tables: [t]\n    stamp:\n{}",
                                stamps);
  return config::parse_mapping(text, data_dir + "pgsplit.yaml", config::fixed_environment({}))
      .targets.front();
}

core::Diagnostics target_problems(const config::Target& target) {
  return pgsplit::testing::problems_of([&] { stamp::plan_target_stamps(target, quote); });
}

} // namespace

TEST_CASE("plan_target_stamps plans every entry in file order", "[stamp]") {
  const auto stamps = stamp::plan_target_stamps(
      target_with("      - alembic: {schema: meta, version: head, versions_dir: alembic_linear}\n"
                  "      - golang_migrate: {version: latest, migrations_dir: golang_migrate}\n"
                  "      - sql: \"UPDATE meta.flags SET stamped = true\"\n"),
      quote);
  CHECK(stamps.target == "svc");
  REQUIRE(stamps.entries.size() == 3);
  CHECK(stamps.entries[0].summary ==
        R"(alembic: "meta"."alembic_version" at revision 3c4d5e6f7a8b)");
  CHECK(stamps.entries[0].schema == "meta");
  CHECK(stamps.entries[0].create_schema == R"(CREATE SCHEMA IF NOT EXISTS "meta")");
  CHECK(stamps.entries[0].origin.line == 8);
  CHECK(stamps.entries[1].plan->rows.at(0).at(0) == "10");
  CHECK(stamps.entries[1].create_schema.empty());
  CHECK_FALSE(stamps.entries[2].plan.has_value());
  CHECK(stamps.entries[2].sql == "UPDATE meta.flags SET stamped = true");
  CHECK(stamps.entries[2].summary == "sql: UPDATE meta.flags SET stamped = true");
}

TEST_CASE("plan_target_stamps reports every problem, naming the target", "[stamp]") {
  const auto problems = target_problems(
      target_with("      - alembic: {version: head, versions_dir: alembic_two_heads}\n"
                  "      - flyway: {version: latest, migrations_dir: no_such_dir}\n"));
  REQUIRE(problems.size() == 2);
  for (const auto& problem : problems) {
    CHECK(problem.where.target == "svc");
  }
}

TEST_CASE("two entries writing the same table are refused", "[stamp]") {
  const auto problems = target_problems(target_with("      - alembic: {version: 1a2b3c}\n"
                                                    "      - alembic: {table: other, version: 1a}\n"
                                                    "      - alembic: {version: 4d5e6f}\n"));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].where.line == 10);
  CHECK_THAT(problems[0].message, Contains(R"("alembic_version")") && Contains("line 8"));
}
