#include "unit/schema/ddl_fixture.hpp"

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing::schema_ddl;
using catalog::TableKind;

TEST_CASE("columns in attnum order with collation, defaults, generation and NOT NULL", "[schema]") {
  DdlFixture fixture;
  auto& customers = fixture.table("public", "customers");
  customers.columns = {DdlFixture::column("name", "text", 2, true),
                       DdlFixture::column("Name Upper", "text", 3),
                       DdlFixture::column("status", "public.status", 4, true),
                       DdlFixture::column("tags", "text[]", 5)};
  customers.columns[0].collation = R"("pg_catalog"."C")";
  customers.columns[1].generated_expression = "upper(name)";
  customers.columns[2].default_expression = "'new'::public.status";
  customers.comment = "who's paying";
  customers.columns[1].comment = "for search";
  CHECK(sql_of(fixture.generate().pre_data) ==
        std::vector<std::string>{
            "CREATE TABLE \"public\".\"customers\" (\n"
            "    \"name\" text COLLATE \"pg_catalog\".\"C\" NOT NULL,\n"
            "    \"Name Upper\" text GENERATED ALWAYS AS (upper(name)) STORED,\n"
            "    \"status\" public.status DEFAULT 'new'::public.status NOT NULL,\n"
            "    \"tags\" text[]\n)",
            R"(COMMENT ON TABLE "public"."customers" IS 'who''s paying')",
            R"(COMMENT ON COLUMN "public"."customers"."Name Upper" IS 'for search')"});
}

TEST_CASE("an unlogged table stays unlogged", "[schema]") {
  DdlFixture fixture;
  auto& cache = fixture.table("public", "cache");
  cache.unlogged = true;
  cache.columns = {DdlFixture::column("key", "text", 1, true)};
  CHECK(sql_of(fixture.generate().pre_data) ==
        std::vector<std::string>{
            "CREATE UNLOGGED TABLE \"public\".\"cache\" (\n    \"key\" text NOT NULL\n)"});
}

TEST_CASE("a partitioned table, then its partitions with their bounds", "[schema]") {
  DdlFixture fixture;
  // the plan lists a partition first: it is still created after its parent
  auto& y2024 = fixture.table("public", "events_2024");
  auto& other = fixture.table("public", "events_other");
  auto& events = fixture.table("public", "events");
  events.kind = TableKind::partitioned_table;
  events.partition_key = "RANGE (day)";
  events.columns = {DdlFixture::column("id", "bigint", 1, true),
                    DdlFixture::column("day", "date", 2, true),
                    DdlFixture::column("source", "text", 3)};
  events.columns[2].default_expression = "'web'::text";
  y2024.partition_parent = events.oid;
  y2024.partition_bound = "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')";
  y2024.columns = events.columns;
  other.partition_parent = events.oid;
  other.partition_bound = "DEFAULT";
  other.columns = events.columns;
  other.columns[2].not_null = true;                   // a partition's own NOT NULL
  other.columns[2].default_expression = std::nullopt; // attached without the parent's default
  for (auto* partition : {&y2024, &other}) {
    for (auto& column : partition->columns) {
      column.is_local = false;
    }
  }
  CHECK(
      sql_of(fixture.generate().pre_data) ==
      std::vector<std::string>{
          "CREATE TABLE \"public\".\"events\" (\n    \"id\" bigint NOT NULL,\n    \"day\" date NOT "
          "NULL,\n"
          "    \"source\" text DEFAULT 'web'::text\n) PARTITION BY RANGE (day)",
          R"(CREATE TABLE "public"."events_2024" PARTITION OF "public"."events" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01'))",
          R"(CREATE TABLE "public"."events_other" PARTITION OF "public"."events" DEFAULT)",
          R"(ALTER TABLE "public"."events_other" ALTER COLUMN "source" DROP DEFAULT)",
          R"(ALTER TABLE "public"."events_other" ALTER COLUMN "source" SET NOT NULL)"});
}

TEST_CASE("an inheritance child declares only its own columns", "[schema]") {
  DdlFixture fixture;
  auto& notes = fixture.table("public", "notes");
  notes.columns = {DdlFixture::column("id", "integer", 1, true),
                   DdlFixture::column("body", "text", 2)};
  notes.columns[1].default_expression = "''::text";
  auto& pinned = fixture.table("public", "pinned_notes");
  pinned.inherits = {notes.oid};
  pinned.columns = notes.columns;
  pinned.columns[0].is_local = false;
  pinned.columns[1].is_local = false;
  pinned.columns[1].default_expression = "'pinned'::text"; // changed on the child
  pinned.columns.push_back(DdlFixture::column("pinned_by", "text", 3, true));
  CHECK(
      sql_of(fixture.generate().pre_data) ==
      std::vector<std::string>{
          "CREATE TABLE \"public\".\"notes\" (\n    \"id\" integer NOT NULL,\n"
          "    \"body\" text DEFAULT ''::text\n)",
          "CREATE TABLE \"public\".\"pinned_notes\" (\n    \"pinned_by\" text NOT NULL\n) "
          "INHERITS (\"public\".\"notes\")",
          R"(ALTER TABLE "public"."pinned_notes" ALTER COLUMN "body" SET DEFAULT 'pinned'::text)"});
}

TEST_CASE("a child whose parent went elsewhere declares every column", "[schema]") {
  DdlFixture fixture;
  auto& notes = fixture.table("public", "notes", false);
  notes.columns = {DdlFixture::column("id", "integer", 1, true)};
  auto& pinned = fixture.table("public", "pinned_notes");
  pinned.inherits = {notes.oid};
  pinned.columns = {DdlFixture::column("id", "integer", 1, true)};
  pinned.columns[0].is_local = false;
  CHECK(sql_of(fixture.generate().pre_data) ==
        std::vector<std::string>{
            "CREATE TABLE \"public\".\"pinned_notes\" (\n    \"id\" integer NOT NULL\n)"});
}

TEST_CASE("hostile and mixed-case names are quoted everywhere", "[schema]") {
  DdlFixture fixture;
  fixture.target.schemas = {"Odd Schema", "public"};
  auto& table = fixture.table("Odd Schema", "x\"; DROP TABLE victim; --");
  table.columns = {DdlFixture::column("Mixed Case", "integer", 1)};
  table.comment = "'; DROP TABLE victim; --";
  auto& tokens = fixture.table("public", "Session Tokens");
  tokens.columns = {DdlFixture::column("user\"id", "bigint", 1)};
  CHECK(
      sql_of(fixture.generate().pre_data) ==
      std::vector<std::string>{
          R"(CREATE SCHEMA IF NOT EXISTS "Odd Schema")",
          "CREATE TABLE \"Odd Schema\".\"x\"\"; DROP TABLE victim; --\" (\n    \"Mixed Case\" "
          "integer\n)",
          R"(COMMENT ON TABLE "Odd Schema"."x""; DROP TABLE victim; --" IS '''; DROP TABLE victim; --')",
          "CREATE TABLE \"public\".\"Session Tokens\" (\n    \"user\"\"id\" bigint\n)"});
}

TEST_CASE("schemas and extensions come first, public is not created", "[schema]") {
  DdlFixture fixture;
  fixture.builder.schema("app").comment = "the application";
  fixture.target.schemas = {"app", "public"};
  fixture.target.extensions = {fixture.builder.extension("citext", "public", "1.6").oid};
  CHECK(sql_of(fixture.generate().pre_data) ==
        std::vector<std::string>{
            R"(CREATE SCHEMA IF NOT EXISTS "app")",
            R"(COMMENT ON SCHEMA "app" IS 'the application')",
            R"(CREATE EXTENSION IF NOT EXISTS "citext" WITH SCHEMA "public" CASCADE)"});
}

TEST_CASE("foreign tables are left out with a note", "[schema]") {
  DdlFixture fixture;
  fixture.table("public", "remote").kind = TableKind::foreign_table;
  const auto ddl = fixture.generate();
  CHECK(ddl.pre_data.empty());
  REQUIRE(ddl.notes.size() == 1);
  CHECK(ddl.notes[0].starts_with("foreign table public.remote is not created"));
}

TEST_CASE("a table claimed twice with row filters is created once", "[schema]") {
  DdlFixture fixture;
  auto& events = fixture.table("public", "events");
  events.columns = {DdlFixture::column("id", "integer", 1)};
  fixture.place(events); // a second `where` entry of the same target
  CHECK(sql_of(fixture.generate().pre_data) ==
        std::vector<std::string>{"CREATE TABLE \"public\".\"events\" (\n    \"id\" integer\n)"});
}
