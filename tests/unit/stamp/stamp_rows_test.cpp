#include <pgsplit/stamp/stamp_rows.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace pgsplit;
using Row = std::vector<stamp::StampValue>;
using Statements = std::vector<std::string>;

namespace {

// Like PostgreSQL's quote_ident, but always quoting: shows that every name went through it.
std::string quote(std::string_view name) {
  std::string quoted = "\"";
  for (char c : name) {
    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return quoted + "\"";
}

} // namespace

TEST_CASE("alembic_stamp_plan creates Alembic's table and writes one row per head", "[stamp]") {
  const auto plan =
      stamp::alembic_stamp_plan({"auth", "alembic_version_auth"}, {"3c4d5e6f7a8b"}, quote);
  CHECK(plan.tool == stamp::StampTool::alembic);
  CHECK(plan.qualified_table == R"("auth"."alembic_version_auth")");
  CHECK(plan.create_statements ==
        Statements{R"(CREATE TABLE IF NOT EXISTS "auth"."alembic_version_auth" )"
                   R"(("version_num" varchar(32) NOT NULL, )"
                   R"(CONSTRAINT "alembic_version_auth_pkc" PRIMARY KEY ("version_num")))"});
  CHECK(plan.clear_statement == R"(DELETE FROM "auth"."alembic_version_auth")");
  CHECK(plan.insert_statement ==
        R"(INSERT INTO "auth"."alembic_version_auth" ("version_num") VALUES ($1))");
  CHECK(plan.rows == std::vector<Row>{{"3c4d5e6f7a8b"}});
  CHECK_THAT(plan.summary, Catch::Contains("3c4d5e6f7a8b"));

  const auto heads = stamp::alembic_stamp_plan({"", "alembic_version"}, {"a", "b"}, quote);
  CHECK(heads.qualified_table == R"("alembic_version")");
  CHECK(heads.rows == std::vector<Row>{{"a"}, {"b"}});
}

TEST_CASE("identifiers are quoted, never pasted", "[stamp]") {
  const auto plan = stamp::alembic_stamp_plan({"we\"ird", "t"}, {"a"}, quote);
  CHECK(plan.qualified_table == R"("we""ird"."t")");
}

TEST_CASE("flyway_stamp_plan creates Flyway's table and index and writes a baseline", "[stamp]") {
  const stamp::FlywayMigration baseline{"10", "add audit log", "V10__add_audit_log.sql"};
  const auto plan =
      stamp::flyway_stamp_plan({"", "flyway_schema_history"}, baseline, std::nullopt, quote);
  REQUIRE(plan.create_statements.size() == 2);
  CHECK(plan.create_statements[0] ==
        R"(CREATE TABLE IF NOT EXISTS "flyway_schema_history" ()"
        R"("installed_rank" integer NOT NULL, "version" varchar(50), )"
        R"("description" varchar(200) NOT NULL, "type" varchar(20) NOT NULL, )"
        R"("script" varchar(1000) NOT NULL, "checksum" integer, )"
        R"("installed_by" varchar(100) NOT NULL, )"
        R"("installed_on" timestamp NOT NULL DEFAULT now(), "execution_time" integer NOT NULL, )"
        R"("success" boolean NOT NULL, )"
        R"(CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank")))");
  CHECK(plan.create_statements[1] == R"(CREATE INDEX IF NOT EXISTS "flyway_schema_history_s_idx" )"
                                     R"(ON "flyway_schema_history" ("success"))");
  CHECK(plan.insert_statement ==
        R"(INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", )"
        R"("type", "script", "checksum", "installed_by", "execution_time", "success", )"
        R"("installed_on") VALUES ($1, $2, $3, $4, $5, $6, )"
        R"(COALESCE($7::varchar, current_user::varchar), $8, $9, now()))");
  REQUIRE(plan.rows.size() == 1);
  CHECK(plan.rows[0] == stamp::flyway_baseline_row("10", std::nullopt));
  CHECK_THAT(plan.summary, Catch::Contains("10") && Catch::Contains("add audit log"));
}

TEST_CASE("golang_migrate_stamp_plan writes (version, false)", "[stamp]") {
  const auto plan = stamp::golang_migrate_stamp_plan({"", "schema_migrations"}, 10, quote);
  CHECK(plan.create_statements ==
        Statements{R"(CREATE TABLE IF NOT EXISTS "schema_migrations" )"
                   R"(("version" bigint NOT NULL PRIMARY KEY, "dirty" boolean NOT NULL))"});
  CHECK(plan.clear_statement == R"(DELETE FROM "schema_migrations")");
  CHECK(plan.insert_statement ==
        R"(INSERT INTO "schema_migrations" ("version", "dirty") VALUES ($1, $2))");
  CHECK(plan.rows == std::vector<Row>{{"10", "false"}});
}

TEST_CASE("prisma_stamp_plan writes one row per migration, in folder order", "[stamp]") {
  const std::vector<stamp::PrismaMigration> migrations{{"20240101000000_init", "aa", "a.sql"},
                                                       {"20240215093000_add_posts", "bb", "b.sql"}};
  int next_id = 0;
  const auto plan = stamp::prisma_stamp_plan({"", "_prisma_migrations"}, migrations, quote,
                                             [&] { return "id-" + std::to_string(next_id++); });
  CHECK(plan.create_statements ==
        Statements{R"(CREATE TABLE IF NOT EXISTS "_prisma_migrations" ()"
                   R"("id" varchar(36) PRIMARY KEY NOT NULL, "checksum" varchar(64) NOT NULL, )"
                   R"("finished_at" timestamptz, "migration_name" varchar(255) NOT NULL, )"
                   R"("logs" text, "rolled_back_at" timestamptz, )"
                   R"("started_at" timestamptz NOT NULL DEFAULT now(), )"
                   R"("applied_steps_count" integer NOT NULL DEFAULT 0))"});
  CHECK(plan.insert_statement ==
        R"(INSERT INTO "_prisma_migrations" ()"
        R"("id", "checksum", "migration_name", "started_at", "finished_at") )"
        R"(VALUES ($1, $2, $3, now() + $4::integer * interval '1 microsecond', )"
        R"(now() + $4::integer * interval '1 microsecond'))");
  CHECK(plan.rows == std::vector<Row>{{"id-0", "aa", "20240101000000_init", "0"},
                                      {"id-1", "bb", "20240215093000_add_posts", "1"}});
  CHECK_THAT(plan.summary, Catch::Contains("2 migrations"));
}
