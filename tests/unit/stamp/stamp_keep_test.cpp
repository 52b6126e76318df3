#include <pgsplit/stamp/stamp_keep.hpp>
#include <pgsplit/stamp/stamp_rows.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using Params = std::vector<stamp::StampValue>;

namespace {

std::string quote(std::string_view name) { return "\"" + std::string(name) + "\""; }

stamp::StampPlan two_migrations() {
  return stamp::prisma_stamp_plan(
      {"", "_prisma_migrations"},
      {{"20240101000000_init", "aaaa", {}}, {"20240215093000_add_posts", "bbbb", {}}}, quote,
      [] { return std::string("id"); });
}

} // namespace

TEST_CASE("the prisma row layout stamp_keep relies on is prisma_stamp_plan's", "[stamp]") {
  const auto plan = two_migrations();
  REQUIRE(plan.rows.size() == 2);
  CHECK(plan.rows[1].at(stamp::prisma_row_migration_name) == "20240215093000_add_posts");
  CHECK(plan.rows[1].at(stamp::prisma_row_checksum) == "bbbb");
}

TEST_CASE("prisma_delete_unmatched keeps finished records of planned migrations", "[stamp]") {
  const auto statement = stamp::prisma_delete_unmatched(two_migrations());
  CHECK(statement.sql ==
        R"(DELETE FROM "_prisma_migrations" WHERE "finished_at" IS NULL OR "rolled_back_at" IS )"
        R"(NOT NULL OR ("migration_name", "checksum") NOT IN (($1::text, $2::text), )"
        R"(($3::text, $4::text)))");
  CHECK(statement.params ==
        Params{"20240101000000_init", "aaaa", "20240215093000_add_posts", "bbbb"});

  const auto none = stamp::prisma_stamp_plan({"", "_prisma_migrations"}, {}, quote);
  CHECK(stamp::prisma_delete_unmatched(none).sql == R"(DELETE FROM "_prisma_migrations")");
  CHECK(stamp::prisma_delete_unmatched(none).params.empty());
}

TEST_CASE("prisma duplicates and recorded names", "[stamp]") {
  const auto plan = two_migrations();
  CHECK(stamp::prisma_delete_duplicates(plan) ==
        R"(DELETE FROM "_prisma_migrations" AS later USING "_prisma_migrations" AS earlier )"
        R"(WHERE later."migration_name" = earlier."migration_name" AND )"
        R"((later."started_at", later."id") > (earlier."started_at", earlier."id"))");
  CHECK(stamp::prisma_recorded_names(plan) ==
        R"(SELECT "migration_name" FROM "_prisma_migrations")");
}

TEST_CASE("table_contents_query sets flyway's installed_on aside", "[stamp]") {
  const auto alembic = stamp::alembic_stamp_plan({"meta", "alembic_version"}, {"a"}, quote);
  CHECK(stamp::table_contents_query(alembic) ==
        R"(SELECT (to_jsonb(stamped))::text FROM "meta"."alembic_version" AS stamped ORDER BY 1)");
  const auto flyway =
      stamp::flyway_stamp_plan({"", "flyway_schema_history"}, {"2", "", {}}, std::nullopt, quote);
  CHECK(stamp::table_contents_query(flyway) ==
        R"(SELECT (to_jsonb(stamped) - 'installed_on'::text)::text FROM "flyway_schema_history" )"
        R"(AS stamped ORDER BY 1)");
}

TEST_CASE("table_contents_query compares only a plan's compared_columns when it has some",
          "[stamp]") {
  auto plan = stamp::alembic_stamp_plan({"", "history"}, {"a"}, quote);
  plan.compared_columns = {"version", "name"};
  CHECK(stamp::table_contents_query(plan) ==
        R"(SELECT (SELECT jsonb_object_agg(key, value) FROM jsonb_each(to_jsonb(stamped)) )"
        R"(WHERE key IN ('version', 'name'))::text FROM "history" AS stamped ORDER BY 1)");
}
