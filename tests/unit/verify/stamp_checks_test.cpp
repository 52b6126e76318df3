#include <pgsplit/pg/quote.hpp>
#include <pgsplit/stamp/flyway_versions.hpp>
#include <pgsplit/stamp/stamp_rows.hpp>
#include <pgsplit/verify/stamp_checks.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::verify;

namespace {

const stamp::QuoteIdent quote = [](std::string_view name) { return pg::quote_ident(name); };

} // namespace

TEST_CASE("alembic: the set of version_num", "[verify]") {
  const auto plan = stamp::alembic_stamp_plan({"", "alembic_version"}, {"b2", "a1"}, quote);
  const auto comparison = stamp_comparison(plan, quote);
  CHECK(comparison.columns == std::vector<std::string>{"\"version_num\""});
  CHECK(comparison.condition.empty());
  CHECK(comparison.expected == std::vector<StampKey>{{"a1"}, {"b2"}});
}

TEST_CASE("flyway: the version of the baseline row", "[verify]") {
  const auto plan = stamp::flyway_stamp_plan({"public", "flyway_schema_history"},
                                             {.version = "1.2.3"}, std::nullopt, quote);
  const auto comparison = stamp_comparison(plan, quote);
  CHECK(comparison.columns == std::vector<std::string>{"\"version\""});
  CHECK(comparison.condition == "\"type\" = 'BASELINE'");
  CHECK(comparison.expected == std::vector<StampKey>{{"1.2.3"}});
}

TEST_CASE("golang-migrate: the single (version, dirty) row", "[verify]") {
  const auto plan = stamp::golang_migrate_stamp_plan({"", "schema_migrations"}, 42, quote);
  const auto comparison = stamp_comparison(plan, quote);
  CHECK(comparison.columns == std::vector<std::string>{"\"version\"::text", "\"dirty\"::text"});
  CHECK(comparison.expected == std::vector<StampKey>{{"42", "false"}});
}

TEST_CASE("prisma: the set of (migration_name, checksum)", "[verify]") {
  const auto plan = stamp::prisma_stamp_plan(
      {"", "_prisma_migrations"},
      {{.name = "2_b", .checksum = "cc"}, {.name = "1_a", .checksum = "aa"}}, quote,
      [] { return std::string("00000000-0000-4000-8000-000000000000"); });
  const auto comparison = stamp_comparison(plan, quote);
  CHECK(comparison.columns == std::vector<std::string>{"\"migration_name\"", "\"checksum\""});
  CHECK(comparison.expected == std::vector<StampKey>{{"1_a", "aa"}, {"2_b", "cc"}});
}
