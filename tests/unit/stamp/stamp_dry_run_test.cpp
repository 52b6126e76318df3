#include <pgsplit/stamp/rails_migrations.hpp>
#include <pgsplit/stamp/stamp_dry_run.hpp>
#include <pgsplit/stamp/stamp_rows.hpp>
#include <pgsplit/stamp/yoyo_migrations.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;

namespace {

std::string quote(std::string_view name) { return "\"" + std::string(name) + "\""; }

} // namespace

TEST_CASE("inline_parameters writes values as literals", "[stamp]") {
  CHECK(stamp::inline_parameters("INSERT INTO t (a, b) VALUES ($1, $2)", {"it's", std::nullopt}) ==
        "INSERT INTO t (a, b) VALUES ('it''s', NULL)");
  CHECK(stamp::inline_parameters("SELECT $10, $1::integer",
                                 {"1", "2", "3", "4", "5", "6", "7", "8", "9", "ten"}) ==
        "SELECT 'ten', '1'::integer");
}

TEST_CASE("inline_parameters leaves quoted text and unknown parameters alone", "[stamp]") {
  CHECK(stamp::inline_parameters(R"(SELECT "a$1", 'b$1', "c""$1", $1)", {"x"}) ==
        R"(SELECT "a$1", 'b$1', "c""$1", 'x')");
  CHECK(stamp::inline_parameters("SELECT a$1, $2, $99999999999999999999", {"x"}) ==
        "SELECT a$1, $2, $99999999999999999999");
}

TEST_CASE("render_target_stamps shows every statement in one transaction", "[stamp]") {
  stamp::TargetStamps stamps{"auth", {}};
  stamp::PlannedStamp alembic;
  alembic.plan = stamp::alembic_stamp_plan({"meta", "alembic_version"}, {"d7a3e8b41c92"}, quote);
  alembic.summary = alembic.plan->summary;
  alembic.schema = "meta";
  alembic.create_schema = R"(CREATE SCHEMA IF NOT EXISTS "meta")";
  stamps.entries.push_back(alembic);
  stamp::PlannedStamp sql;
  sql.sql = "INSERT INTO log VALUES (1);";
  sql.summary = "sql: INSERT INTO log VALUES (1);";
  stamps.entries.push_back(sql);

  CHECK(stamp::render_target_stamps(stamps) ==
        "-- target auth\n"
        "BEGIN;\n"
        "SET LOCAL standard_conforming_strings = on;\n"
        R"(-- alembic: "meta"."alembic_version" at revision d7a3e8b41c92)"
        "\n"
        R"(CREATE SCHEMA IF NOT EXISTS "meta";)"
        "\n"
        R"(CREATE TABLE IF NOT EXISTS "meta"."alembic_version" ("version_num" varchar(32) NOT )"
        R"(NULL, CONSTRAINT "alembic_version_pkc" PRIMARY KEY ("version_num"));)"
        "\n"
        "-- left as it is when it already holds exactly these rows\n"
        R"(DELETE FROM "meta"."alembic_version";)"
        "\n"
        R"(INSERT INTO "meta"."alembic_version" ("version_num") VALUES ('d7a3e8b41c92');)"
        "\n"
        "-- sql: INSERT INTO log VALUES (1);\n"
        "INSERT INTO log VALUES (1);\n"
        "COMMIT;\n");
}

TEST_CASE("render_target_stamps says which prisma rows are kept", "[stamp]") {
  stamp::TargetStamps stamps{"document", {}};
  stamp::PlannedStamp prisma;
  prisma.plan =
      stamp::prisma_stamp_plan({"", "_prisma_migrations"}, {{"20240101000000_init", "aaaa", {}}},
                               quote, [] { return std::string("0-id"); });
  prisma.summary = prisma.plan->summary;
  stamps.entries.push_back(prisma);
  const auto text = stamp::render_target_stamps(stamps);
  CHECK_THAT(text, Catch::Contains(R"(NOT IN (('20240101000000_init'::text, 'aaaa'::text));)"));
  CHECK_THAT(text, Catch::Contains("-- each insert is skipped when its migration is already "
                                   "recorded\nINSERT INTO \"_prisma_migrations\""));
  CHECK_THAT(text, Catch::Contains("VALUES ('0-id', 'aaaa', '20240101000000_init', now() + "
                                   "'0'::integer * interval '1 microsecond'"));
}

TEST_CASE("render_target_stamps shows a tool's further tables after its own", "[stamp]") {
  stamp::TargetStamps stamps{"store", {}};
  stamp::PlannedStamp rails;
  rails.plan = stamp::rails_stamp_plan({"", "schema_migrations"}, "ar_internal_metadata",
                                       "production", {{"1", "a", {}}}, quote);
  rails.summary = rails.plan->summary;
  stamps.entries.push_back(rails);
  stamp::PlannedStamp yoyo;
  yoyo.plan = stamp::yoyo_stamp_plan({"", "_yoyo_migration"}, {}, quote);
  yoyo.summary = yoyo.plan->summary;
  stamps.entries.push_back(yoyo);
  const auto text = stamp::render_target_stamps(stamps);
  CHECK_THAT(text, Catch::Contains(R"(INSERT INTO "schema_migrations" ("version") VALUES ('1');)"
                                   "\n"
                                   R"(CREATE TABLE IF NOT EXISTS "ar_internal_metadata")"));
  CHECK_THAT(text, Catch::Contains(R"(DELETE FROM "ar_internal_metadata" WHERE "key" = )"
                                   R"('environment';)"
                                   "\n"
                                   R"(INSERT INTO "ar_internal_metadata" ("key", "value", )"
                                   R"("created_at", "updated_at") VALUES ('environment', )"
                                   R"('production', now() AT TIME ZONE 'UTC')"));
  // yoyo's log and lock tables are only created: no DELETE for them.
  CHECK_THAT(text, Catch::Contains(R"(CREATE TABLE IF NOT EXISTS "yoyo_lock")"));
  CHECK_THAT(text, !Catch::Contains(R"(DELETE FROM "yoyo_lock")"));
  CHECK_THAT(text, !Catch::Contains(R"(DELETE FROM "_yoyo_log")"));
}
