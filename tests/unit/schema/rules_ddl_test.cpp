#include "unit/schema/ddl_fixture.hpp"

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing::schema_ddl;
using Catch::Matchers::Contains;

TEST_CASE("rules on tables come after the views, renamed, with their mode and comment",
          "[schema]") {
  DdlFixture fixture;
  auto& log = fixture.table("public", "measure_log", false);
  fixture.place(log, catalog::QualifiedName{"public", "audit_log"});
  auto& measures = fixture.table("public", "measures");
  measures.rules = {
      {.oid = 30001,
       .name = "log_insert",
       .definition = "CREATE RULE log_insert AS\n    ON INSERT TO public.measures DO  INSERT INTO "
                     "public.measure_log (id)\n  VALUES (new.id);",
       .relations = {log.oid},
       .comment = "keeps a log"},
      {.oid = 30002,
       .name = "keep",
       .definition = "CREATE RULE keep AS\n    ON DELETE TO public.measures DO INSTEAD NOTHING;",
       .enabled = 'D'}};
  fixture.view("totals", " SELECT 1 AS one;");
  const auto ddl = fixture.generate();
  const auto views = sql_of(ddl.views);
  const int view = position_of(views, "CREATE VIEW");
  const int rule = position_of(views, "CREATE RULE log_insert");
  REQUIRE(view >= 0);
  REQUIRE(rule > view);
  CHECK_THAT(views[static_cast<std::size_t>(rule)],
             Contains(R"(INSERT INTO "public"."audit_log")"));
  CHECK(views[static_cast<std::size_t>(rule)].back() != ';');
  CHECK(views[static_cast<std::size_t>(rule) + 1] ==
        R"(COMMENT ON RULE "log_insert" ON "public"."measures" IS 'keeps a log')");
  CHECK(position_of(views, R"(ALTER TABLE "public"."measures" DISABLE RULE "keep")") > rule);
}

TEST_CASE("a rule whose actions use a table the target lacks is left out with a note", "[schema]") {
  DdlFixture fixture;
  const auto& elsewhere = fixture.table("public", "elsewhere", false);
  auto& measures = fixture.table("public", "measures");
  measures.rules = {{.oid = 30001,
                     .name = "copy_out",
                     .definition = "CREATE RULE copy_out AS ON INSERT TO public.measures DO "
                                   "INSERT INTO public.elsewhere VALUES (new.id);",
                     .relations = {elsewhere.oid}}};
  const auto ddl = fixture.generate();
  CHECK(position_of(sql_of(ddl.views), "CREATE RULE") == -1);
  REQUIRE(ddl.notes.size() == 1);
  CHECK_THAT(ddl.notes[0], Contains("rule copy_out on public.measures is not created"));
  CHECK_THAT(ddl.notes[0], Contains("public.elsewhere"));
}
