#include "unit/schema/ddl_fixture.hpp"

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing::schema_ddl;
using catalog::ObjectKind;
using Catch::Matchers::Contains;

TEST_CASE("functions are created from pg_get_functiondef, with their comments", "[schema]") {
  DdlFixture fixture;
  auto& touch = fixture.function(
      "touch", "CREATE OR REPLACE FUNCTION public.touch()\n RETURNS trigger\n LANGUAGE plpgsql\n"
               "AS $function$\nBEGIN NEW.n := nextval('audit_seq'); RETURN NEW; END $function$\n");
  touch.comment = "sets n";
  auto& reset = fixture.function("reset", "CREATE OR REPLACE PROCEDURE public.reset(IN n integer)\n"
                                          " LANGUAGE sql\nAS $procedure$SELECT n$procedure$\n");
  reset.kind = 'p';
  reset.identity_arguments = "IN n integer";
  reset.comment = "resets";
  CHECK(sql_of(fixture.generate().pre_data) ==
        std::vector<std::string>{
            "SET check_function_bodies = false",
            "CREATE OR REPLACE FUNCTION public.touch()\n RETURNS trigger\n LANGUAGE plpgsql\n"
            "AS $function$\nBEGIN NEW.n := nextval('audit_seq'); RETURN NEW; END $function$",
            R"(COMMENT ON FUNCTION "public"."touch"() IS 'sets n')",
            "CREATE OR REPLACE PROCEDURE public.reset(IN n integer)\n LANGUAGE sql\n"
            "AS $procedure$SELECT n$procedure$",
            R"(COMMENT ON PROCEDURE "public"."reset"(IN n integer) IS 'resets')"});
}

TEST_CASE("aggregates are left out with a note", "[schema]") {
  DdlFixture fixture;
  auto& total = fixture.function("total", "");
  total.kind = 'a';
  total.identity_arguments = "numeric";
  const auto ddl = fixture.generate();
  CHECK(sql_of(ddl.pre_data) == std::vector<std::string>{"SET check_function_bodies = false"});
  REQUIRE(ddl.notes.size() == 1);
  CHECK_THAT(ddl.notes[0], Contains("aggregate public.total(numeric) is not created"));
}

TEST_CASE("a function taking a table's row type comes after the tables", "[schema]") {
  DdlFixture fixture;
  auto& customers = fixture.table("public", "customers");
  customers.columns = {DdlFixture::column("id", "integer", 1)};
  const auto label =
      fixture.function("label", "CREATE FUNCTION public.label(c public.customers)").oid;
  const auto shout =
      fixture.function("shout", "CREATE FUNCTION public.shout(c public.customers)").oid;
  const auto first = fixture.function("first", "CREATE FUNCTION public.first()").oid;
  fixture.depends({ObjectKind::function, label}, {ObjectKind::table, customers.oid});
  fixture.depends({ObjectKind::function, shout}, {ObjectKind::function, label});
  fixture.depends({ObjectKind::function, first}, {ObjectKind::function, shout}); // chain
  const auto sql = sql_of(fixture.generate().pre_data);
  const int table = position_of(sql, "CREATE TABLE");
  REQUIRE(table >= 0);
  CHECK(position_of(sql, "public.label") > table);
  CHECK(position_of(sql, "public.shout") > position_of(sql, "public.label"));
  CHECK(position_of(sql, "public.first") > position_of(sql, "public.shout"));
}

TEST_CASE("a function that needs a view comes after the views", "[schema]") {
  DdlFixture fixture;
  const auto view = fixture.view("active", " SELECT 1 AS one;").oid;
  const auto count = fixture.function("count_active", "CREATE FUNCTION public.count_active()").oid;
  fixture.depends({ObjectKind::function, count}, {ObjectKind::view, view});
  const auto ddl = fixture.generate();
  CHECK(position_of(sql_of(ddl.pre_data), "count_active") == -1);
  const auto views = sql_of(ddl.views);
  CHECK(position_of(views, "count_active") > position_of(views, "CREATE VIEW"));
}
