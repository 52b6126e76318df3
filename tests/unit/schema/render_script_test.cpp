#include <pgsplit/schema/target_ddl.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;

TEST_CASE("the script lists every phase under its header, statements ended by a semicolon",
          "[schema]") {
  schema::TargetDdl ddl;
  ddl.target = "auth";
  ddl.pre_data = {
      {"CREATE TABLE \"public\".\"users\" (\n    \"id\" integer\n)", "table public.users"},
      {"CREATE FUNCTION f() AS $$ SELECT 1; $$", "function f()"}};
  ddl.post_data = {
      {1, {"public", "users"}, {{"CREATE INDEX i ON public.users USING btree (id)", "index i"}}}};
  ddl.foreign_keys = {
      {1, 2, {"ALTER TABLE x ADD CONSTRAINT k FOREIGN KEY (a) REFERENCES y(b);", "fk"}}};
  ddl.views = {{"CREATE VIEW v AS\n SELECT 1", "view v"}};
  ddl.notes = {"aggregate public.total(numeric) is not created"};
  CHECK(schema::render_script(ddl) ==
        "-- pgsplit: schema of target auth\n\n"
        "SET standard_conforming_strings = on;\n\n"
        "-- note: aggregate public.total(numeric) is not created\n\n"
        "-- pre-data\n\n"
        "CREATE TABLE \"public\".\"users\" (\n    \"id\" integer\n);\n\n"
        "CREATE FUNCTION f() AS $$ SELECT 1; $$;\n\n"
        "-- post-data: public.users\n\n"
        "CREATE INDEX i ON public.users USING btree (id);\n\n"
        "-- foreign keys\n\n"
        "ALTER TABLE x ADD CONSTRAINT k FOREIGN KEY (a) REFERENCES y(b);\n\n"
        "-- views\n\n"
        "CREATE VIEW v AS\n SELECT 1;\n\n");
}

TEST_CASE("a line break in a name cannot end a header comment", "[schema]") {
  schema::TargetDdl ddl;
  ddl.target = "auth";
  ddl.post_data = {{1, {"public", "evil\nDROP TABLE victim; --"}, {{"SELECT 1", "x"}}}};
  const auto script = schema::render_script(ddl);
  CHECK(script.find("-- post-data: public.evil DROP TABLE victim; --\n") != std::string::npos);
  CHECK(script.find("\nDROP TABLE") == std::string::npos);
}

TEST_CASE("the script sets standard_conforming_strings before any literal", "[schema]") {
  // 'x\''; DROP TABLE victim; --' is one literal only with standard_conforming_strings on.
  schema::TargetDdl ddl;
  ddl.target = "auth";
  ddl.pre_data = {{"COMMENT ON TABLE t IS 'x\\''; DROP TABLE victim; --'", "comment"}};
  const auto script = schema::render_script(ddl);
  const auto setting = script.find("SET standard_conforming_strings = on;\n");
  REQUIRE(setting != std::string::npos);
  CHECK(setting < script.find("COMMENT ON"));
  CHECK(script.find(';') == setting + std::string("SET standard_conforming_strings = on").size());
}
