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

TEST_CASE("an aggregate whose details were not read is left out with a note", "[schema]") {
  DdlFixture fixture;
  auto& total = fixture.function("total", "");
  total.kind = 'a';
  total.identity_arguments = "numeric";
  const auto ddl = fixture.generate();
  CHECK(sql_of(ddl.pre_data) == std::vector<std::string>{"SET check_function_bodies = false"});
  REQUIRE(ddl.notes.size() == 1);
  CHECK_THAT(ddl.notes[0], Contains("aggregate public.total(numeric) is not created"));
}

TEST_CASE("aggregates are created from pg_aggregate after their support functions", "[schema]") {
  DdlFixture fixture;
  auto& sum = fixture.function("sum_abs", "");
  sum.kind = 'a';
  sum.identity_arguments = "integer";
  sum.comment = "sum of absolute values";
  catalog::Aggregate plain;
  plain.arguments = "integer";
  plain.transition = "public.add_abs";
  plain.state_type = "bigint";
  plain.initial_condition = "0";
  plain.combine_function = "int8pl";
  plain.parallel = 's';
  plain.moving_transition = "public.add_abs";
  plain.moving_inverse = "public.sub_abs";
  plain.moving_state_type = "bigint";
  plain.moving_initial_condition = "0";
  sum.aggregate = plain;
  const auto add = fixture.function("add_abs", "CREATE OR REPLACE FUNCTION public.add_abs()").oid;
  fixture.depends({ObjectKind::function, sum.oid}, {ObjectKind::function, add});
  auto& pick = fixture.function("pick", "");
  pick.kind = 'a';
  pick.identity_arguments = "double precision ORDER BY anyelement";
  catalog::Aggregate ordered;
  ordered.arguments = "double precision ORDER BY anyelement";
  ordered.kind = 'o';
  ordered.transition = "ordered_set_transition";
  ordered.state_type = "internal";
  ordered.final_function = "percentile_disc_final";
  ordered.final_extra = true;
  ordered.final_modify = 's';
  pick.aggregate = ordered;
  auto& count = fixture.function("row_count", "");
  count.kind = 'a';
  catalog::Aggregate no_arguments;
  no_arguments.transition = "int8inc";
  no_arguments.state_type = "bigint";
  no_arguments.sort_operator = "OPERATOR(pg_catalog.>)";
  count.aggregate = no_arguments;
  const auto sql = sql_of(fixture.generate().pre_data);
  const int created = position_of(sql, "CREATE AGGREGATE \"public\".\"sum_abs\"");
  REQUIRE(created >= 0);
  CHECK(position_of(sql, "FUNCTION public.add_abs") < created);
  CHECK(sql[static_cast<std::size_t>(created)] ==
        "CREATE AGGREGATE \"public\".\"sum_abs\"(integer) (\n  SFUNC = public.add_abs,\n"
        "  STYPE = bigint,\n  FINALFUNC_MODIFY = READ_ONLY,\n  COMBINEFUNC = int8pl,\n"
        "  INITCOND = '0',\n  MSFUNC = public.add_abs,\n  MINVFUNC = public.sub_abs,\n"
        "  MSTYPE = bigint,\n  MFINALFUNC_MODIFY = READ_ONLY,\n  MINITCOND = '0',\n"
        "  PARALLEL = SAFE\n)");
  CHECK(sql[static_cast<std::size_t>(created) + 1] ==
        R"(COMMENT ON AGGREGATE "public"."sum_abs"(integer) IS 'sum of absolute values')");
  CHECK(position_of(sql, "CREATE AGGREGATE \"public\".\"pick\"(double precision ORDER BY "
                         "anyelement) (\n  SFUNC = ordered_set_transition,\n  STYPE = "
                         "internal,\n  FINALFUNC = percentile_disc_final,\n  FINALFUNC_EXTRA,\n"
                         "  FINALFUNC_MODIFY = SHAREABLE\n)") >= 0);
  CHECK(position_of(sql, "CREATE AGGREGATE \"public\".\"row_count\"(*) (\n  SFUNC = int8inc,\n"
                         "  STYPE = bigint,\n  FINALFUNC_MODIFY = READ_ONLY,\n"
                         "  SORTOP = OPERATOR(pg_catalog.>)\n)") >= 0);
}

TEST_CASE("aggregates get their owner and privileges with ALTER AGGREGATE and GRANT ON FUNCTION",
          "[schema]") {
  DdlFixture fixture;
  fixture.target.connecting_as_superuser = true;
  auto& pick = fixture.function("pick", "");
  pick.kind = 'a';
  pick.identity_arguments = "double precision ORDER BY anyelement";
  pick.aggregate = catalog::Aggregate{};
  pick.access.owner = "app_owner";
  pick.access.privileges = {{.grantee = "reader", .privilege = "EXECUTE"}};
  CHECK(
      sql_of(fixture.generate().access) ==
      std::vector<std::string>{
          R"(ALTER AGGREGATE "public"."pick"(double precision ORDER BY anyelement) OWNER TO "app_owner")",
          R"(GRANT EXECUTE ON FUNCTION "public"."pick"(double precision, anyelement) TO "reader")"});
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
