#include <pgsplit/schema/rename.hpp>

#include <catch2/catch.hpp>

using pgsplit::schema::detail::Renames;

namespace {

// products.price_cents → price_minor (the runbook's rename), orders.qty → quantity.
Renames price_renamed() {
  Renames renames;
  renames.set_columns({"public", "products"}, {{"price_cents", "price_minor"}});
  renames.set_columns({"public", "orders"}, {{"qty", "quantity"}});
  return renames;
}

} // namespace

TEST_CASE("a renamed column follows in its table's index, check and trigger text", "[schema]") {
  const auto renames = price_renamed();
  const pgsplit::catalog::QualifiedName products{"public", "products"};
  CHECK(renames.rename_columns(products,
                               "CREATE INDEX products_price_idx ON public.products USING btree "
                               "(price_cents)") ==
        R"(CREATE INDEX products_price_idx ON public.products USING btree ("price_minor"))");
  CHECK(renames.rename_columns(products, "CHECK ((price_cents >= 0))") ==
        R"(CHECK (("price_minor" >= 0)))");
  CHECK(
      renames.rename_columns(
          products, "CREATE TRIGGER t BEFORE UPDATE OF price_cents ON public.products FOR EACH "
                    "ROW WHEN ((new.price_cents <> old.price_cents)) EXECUTE FUNCTION "
                    "public.price_cents()") ==
      R"(CREATE TRIGGER t BEFORE UPDATE OF "price_minor" ON public.products FOR EACH ROW WHEN ((new."price_minor" <> old."price_minor")) EXECUTE FUNCTION public.price_cents())");
}

TEST_CASE("a column rename leaves literals, other tables' columns and function names alone",
          "[schema]") {
  const auto renames = price_renamed();
  const pgsplit::catalog::QualifiedName products{"public", "products"};
  CHECK(renames.rename_columns(products, "CHECK ((price_cents::text <> 'price_cents'))") ==
        R"(CHECK (("price_minor"::text <> 'price_cents')))");
  CHECK(renames.rename_columns(products, "(price_cents(x) + other.price_cents)") ==
        "(price_cents(x) + other.price_cents)");
  CHECK(renames.rename_columns({"public", "stock"}, "CHECK ((price_cents > 0))") ==
        "CHECK ((price_cents > 0))");
}

TEST_CASE("REFERENCES a table with renamed columns names the new ones", "[schema]") {
  const auto renames = price_renamed();
  CHECK(
      renames.rename_columns({"public", "lines"},
                             "FOREIGN KEY (qty, price_cents) REFERENCES public.orders(qty, "
                             "id) ON DELETE CASCADE") ==
      R"(FOREIGN KEY (qty, price_cents) REFERENCES public.orders("quantity", id) ON DELETE CASCADE)");
}

TEST_CASE("views follow a renamed column through the table's name or alias", "[schema]") {
  const auto renames = price_renamed();
  CHECK(
      renames.rewrite_view(" SELECT products.name, products.price_cents FROM public.products "
                           "WHERE (products.price_cents < 1000);") ==
      R"( SELECT products.name, products."price_minor" FROM public.products WHERE (products."price_minor" < 1000);)");
  CHECK(
      renames.rewrite_view(" SELECT p.price_cents, o.qty, s.price_cents FROM ((public.products p "
                           "JOIN public.orders o ON ((o.id = p.id))) JOIN public.stock s ON "
                           "true);") ==
      R"( SELECT p."price_minor", o."quantity", s.price_cents FROM ((public.products p JOIN public.orders o ON ((o.id = p.id))) JOIN public.stock s ON true);)");
}

TEST_CASE("REFERENCES a table without renamed columns keeps them, even when they share a name "
          "with a renamed own column",
          "[schema]") {
  const auto renames = price_renamed();
  CHECK(renames.rename_columns({"public", "products"},
                               "FOREIGN KEY (price_cents) REFERENCES public.prices(price_cents) ON "
                               "DELETE CASCADE") ==
        R"(FOREIGN KEY ("price_minor") REFERENCES public.prices(price_cents) ON DELETE CASCADE)");
}

TEST_CASE("a column rename leaves a type name after :: alone", "[schema]") {
  pgsplit::schema::detail::Renames renames;
  renames.set_columns({"public", "events"}, {{"date", "event_date"}});
  CHECK(renames.rename_columns({"public", "events"}, "CHECK ((date >= '2000-01-01'::date))") ==
        R"(CHECK (("event_date" >= '2000-01-01'::date)))");
}
