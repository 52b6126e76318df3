#include "unit/schema/ddl_fixture.hpp"

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing::schema_ddl;

TEST_CASE("triggers are created, a disabled one is disabled again, clones are skipped",
          "[schema]") {
  DdlFixture fixture;
  auto& customers = fixture.table("public", "customers");
  customers.triggers = {{1, "customers_touch",
                         "CREATE TRIGGER customers_touch BEFORE UPDATE ON public.customers FOR "
                         "EACH ROW EXECUTE FUNCTION public.touch()",
                         100, true, false},
                        {2, "Touch Off",
                         "CREATE TRIGGER \"Touch Off\" BEFORE INSERT ON public.customers FOR EACH "
                         "ROW EXECUTE FUNCTION public.touch()",
                         100, false, false},
                        {3, "events_touch",
                         "CREATE TRIGGER events_touch BEFORE UPDATE ON public.customers FOR EACH "
                         "ROW EXECUTE FUNCTION public.touch()",
                         100, true, true}};
  const auto ddl = fixture.generate();
  CHECK(
      post_data_of(ddl, "public.customers") ==
      std::vector<std::string>{"CREATE TRIGGER customers_touch BEFORE UPDATE ON public.customers "
                               "FOR EACH ROW EXECUTE FUNCTION public.touch()",
                               "CREATE TRIGGER \"Touch Off\" BEFORE INSERT ON public.customers FOR "
                               "EACH ROW EXECUTE FUNCTION public.touch()",
                               R"(ALTER TABLE "public"."customers" DISABLE TRIGGER "Touch Off")"});
  REQUIRE(ddl.post_data.size() == 1);
  CHECK(ddl.post_data[0].table == customers.oid);
  CHECK(ddl.post_data[0].statements[2].what == "disable trigger Touch Off on public.customers");
}
