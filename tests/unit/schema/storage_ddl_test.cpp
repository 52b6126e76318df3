#include "unit/schema/ddl_fixture.hpp"

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing::schema_ddl;

TEST_CASE("storage parameters, column statistics, STORAGE and COMPRESSION, CLUSTER ON and "
          "REPLICA IDENTITY are carried",
          "[schema][storage]") {
  DdlFixture fixture;
  auto& events = fixture.table("public", "events");
  events.columns = {DdlFixture::column("id", "integer", 1), DdlFixture::column("body", "text", 2)};
  events.columns[0].statistics_target = 500;
  events.columns[1].storage = 'e';
  events.columns[1].compression = 'p';
  events.options = {"fillfactor=70", "autovacuum_vacuum_scale_factor=0.01"};
  events.toast_options = {"autovacuum_enabled=false"};
  events.indexes = {
      {.oid = 7,
       .name = "events_pkey",
       .definition = "CREATE UNIQUE INDEX events_pkey ON public.events USING btree (id)",
       .is_unique = true}};
  events.clustered_index = "events_pkey";
  events.replica_identity = 'f';
  const auto ddl = fixture.generate();
  const auto pre = sql_of(ddl.pre_data);
  CHECK(pre.at(0) ==
        "CREATE TABLE \"public\".\"events\" (\n    \"id\" integer,\n    \"body\" text\n) "
        "WITH (fillfactor=70, autovacuum_vacuum_scale_factor=0.01, "
        "toast.autovacuum_enabled=false)");
  CHECK(std::vector<std::string>(pre.begin() + 1, pre.end()) ==
        std::vector<std::string>{
            R"(ALTER TABLE ONLY "public"."events" ALTER COLUMN "id" SET STATISTICS 500)",
            R"(ALTER TABLE ONLY "public"."events" ALTER COLUMN "body" SET STORAGE EXTERNAL)",
            R"(ALTER TABLE ONLY "public"."events" ALTER COLUMN "body" SET COMPRESSION pglz)"});
  const auto post = post_data_of(ddl, "public.events");
  REQUIRE(post.size() == 3);
  CHECK(post[1] == R"(ALTER TABLE "public"."events" CLUSTER ON "events_pkey")");
  CHECK(post[2] == R"(ALTER TABLE "public"."events" REPLICA IDENTITY FULL)");
}

TEST_CASE("trigger modes and comments are carried", "[schema][storage]") {
  DdlFixture fixture;
  auto& events = fixture.table("public", "events");
  events.triggers = {
      {.oid = 1,
       .name = "on_replica",
       .definition = "CREATE TRIGGER on_replica …",
       .mode = 'R',
       .comment = "replica only"},
      {.oid = 2, .name = "always", .definition = "CREATE TRIGGER always …", .mode = 'A'}};
  CHECK(post_data_of(fixture.generate(), "public.events") ==
        std::vector<std::string>{
            "CREATE TRIGGER on_replica …",
            R"(ALTER TABLE "public"."events" ENABLE REPLICA TRIGGER "on_replica")",
            R"(COMMENT ON TRIGGER "on_replica" ON "public"."events" IS 'replica only')",
            "CREATE TRIGGER always …",
            R"(ALTER TABLE "public"."events" ENABLE ALWAYS TRIGGER "always")"});
}

TEST_CASE("views keep their options and column comments, an unpopulated materialized view is "
          "not refreshed",
          "[schema][storage]") {
  DdlFixture fixture;
  auto& secure = fixture.view("secure", "SELECT 1 AS one;");
  secure.options = {"security_barrier=true", "check_option=local"};
  secure.column_comments = {{"one", "always 1"}};
  fixture.view("empty", "SELECT 2 AS two;", catalog::ViewKind::materialized_view).populated = false;
  fixture.view("full", "SELECT 3 AS three;", catalog::ViewKind::materialized_view);
  CHECK(sql_of(fixture.generate().views) ==
        std::vector<std::string>{
            "CREATE VIEW \"public\".\"secure\" WITH (security_barrier=true, check_option=local) "
            "AS\nSELECT 1 AS one",
            R"(COMMENT ON COLUMN "public"."secure"."one" IS 'always 1')",
            "CREATE MATERIALIZED VIEW \"public\".\"empty\" AS\nSELECT 2 AS two\nWITH NO DATA",
            "CREATE MATERIALIZED VIEW \"public\".\"full\" AS\nSELECT 3 AS three\nWITH NO DATA",
            R"(REFRESH MATERIALIZED VIEW "public"."full")"});
}

TEST_CASE("extended statistics are created after the data with their target and comment, one "
          "in a schema the target lacks is a note",
          "[schema][storage]") {
  DdlFixture fixture;
  auto& events = fixture.table("public", "events", false);
  events.extended_statistics = {
      {.name = {"public", "events_kind"},
       .definition =
           "CREATE STATISTICS public.events_kind (ndistinct) ON kind, id FROM public.events",
       .target = 50,
       .comment = "kinds"},
      {.name = {"stats", "elsewhere"}, .definition = "CREATE STATISTICS stats.elsewhere …"}};
  fixture.place(events, catalog::QualifiedName{"public", "log"});
  const auto ddl = fixture.generate();
  CHECK(post_data_of(ddl, "public.log") ==
        std::vector<std::string>{
            R"(CREATE STATISTICS public.events_kind (ndistinct) ON kind, id FROM "public"."log")",
            R"(ALTER STATISTICS "public"."events_kind" SET STATISTICS 50)",
            R"(COMMENT ON STATISTICS "public"."events_kind" IS 'kinds')"});
  CHECK(std::find(ddl.notes.begin(), ddl.notes.end(),
                  "statistics stats.elsewhere is not created: its schema stats is not created in "
                  "this target") != ddl.notes.end());
}
