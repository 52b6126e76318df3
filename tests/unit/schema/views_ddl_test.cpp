#include "unit/schema/ddl_fixture.hpp"

#include <catch2/catch.hpp>

using namespace pgsplit;
using namespace pgsplit::testing::schema_ddl;

TEST_CASE("views in plan order, materialized views empty, indexed, refreshed last", "[schema]") {
  DdlFixture fixture;
  auto& active =
      fixture.view("active_customers",
                   " SELECT customers.id\n   FROM public.customers\n  WHERE customers.active;");
  active.comment = "active only";
  auto& totals = fixture.view("order_totals",
                              " SELECT orders.customer_id,\n    sum(orders.total) AS total\n"
                              "   FROM public.orders\n  GROUP BY orders.customer_id;",
                              catalog::ViewKind::materialized_view);
  catalog::Index index;
  index.name = "order_totals_customer";
  index.definition =
      "CREATE UNIQUE INDEX order_totals_customer ON public.order_totals USING btree (customer_id)";
  totals.indexes = {index};
  totals.comment = "per customer";
  CHECK(sql_of(fixture.generate().views) ==
        std::vector<std::string>{
            "CREATE VIEW \"public\".\"active_customers\" AS\n SELECT customers.id\n"
            "   FROM public.customers\n  WHERE customers.active",
            R"(COMMENT ON VIEW "public"."active_customers" IS 'active only')",
            "CREATE MATERIALIZED VIEW \"public\".\"order_totals\" AS\n SELECT orders.customer_id,\n"
            "    sum(orders.total) AS total\n   FROM public.orders\n  GROUP BY orders.customer_id\n"
            "WITH NO DATA",
            R"(COMMENT ON MATERIALIZED VIEW "public"."order_totals" IS 'per customer')",
            "CREATE UNIQUE INDEX order_totals_customer ON public.order_totals USING btree "
            "(customer_id)",
            R"(REFRESH MATERIALIZED VIEW "public"."order_totals")"});
}
