#include "unit/schema/ddl_fixture.hpp"

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing::schema_ddl;

TEST_CASE("policies, their comments and ENABLE/FORCE ROW LEVEL SECURITY come after the data, "
          "on the renamed table",
          "[schema][policies]") {
  DdlFixture fixture;
  auto& documents = fixture.builder.bare_table("public", "documents");
  documents.columns = {DdlFixture::column("tenant_id", "integer", 1)};
  documents.row_security = true;
  documents.force_row_security = true;
  documents.policies = {
      {.name = "tenant isolation",
       .command = "ALL",
       .roles = {"public"},
       .using_expression = "(tenant_id = public.current_tenant())",
       .comment = "one tenant"},
      {.name = "no_update",
       .permissive = false,
       .command = "UPDATE",
       .roles = {"reader", "Writer"},
       .using_expression = "(tenant_id IN ( SELECT d.tenant_id FROM public.documents d))",
       .check_expression = "(tenant_id <> 0)"}};
  fixture.place(documents, catalog::QualifiedName{"docs", "files"});
  const auto ddl = fixture.generate();
  CHECK(post_data_of(ddl, "docs.files").empty());
  CHECK(
      sql_of(ddl.access) ==
      std::vector<std::string>{
          R"(CREATE POLICY "tenant isolation" ON "docs"."files" AS PERMISSIVE FOR ALL TO PUBLIC USING ((tenant_id = public.current_tenant())))",
          R"(COMMENT ON POLICY "tenant isolation" ON "docs"."files" IS 'one tenant')",
          R"(CREATE POLICY "no_update" ON "docs"."files" AS RESTRICTIVE FOR UPDATE TO "reader", "Writer" USING ((tenant_id IN ( SELECT d.tenant_id FROM "docs"."files" d))) WITH CHECK ((tenant_id <> 0)))",
          R"(ALTER TABLE "docs"."files" ENABLE ROW LEVEL SECURITY)",
          R"(ALTER TABLE "docs"."files" FORCE ROW LEVEL SECURITY)"});
}
