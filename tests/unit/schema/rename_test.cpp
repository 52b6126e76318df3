#include <pgsplit/schema/rename.hpp>

#include <catch2/catch.hpp>

using pgsplit::schema::detail::Renames;

namespace {

Renames customers_to_clients() {
  Renames renames;
  renames.set({"public", "customers"}, {"crm", "clients"});
  renames.set({"Odd Schema", "Session Tokens"}, {"auth", "tokens"});
  return renames;
}

} // namespace

TEST_CASE("a renamed table is rewritten in index, trigger and foreign key text", "[schema]") {
  const auto renames = customers_to_clients();
  CHECK(renames.rewrite(
            "CREATE INDEX customers_lower ON public.customers USING btree (lower(name))") ==
        R"(CREATE INDEX customers_lower ON "crm"."clients" USING btree (lower(name)))");
  CHECK(
      renames.rewrite("CREATE TRIGGER t BEFORE UPDATE ON public.customers FOR EACH ROW "
                      "EXECUTE FUNCTION public.touch()") ==
      R"(CREATE TRIGGER t BEFORE UPDATE ON "crm"."clients" FOR EACH ROW EXECUTE FUNCTION public.touch())");
  CHECK(renames.rewrite("FOREIGN KEY (customer_id) REFERENCES public.customers(id) DEFERRABLE") ==
        R"(FOREIGN KEY (customer_id) REFERENCES "crm"."clients"(id) DEFERRABLE)");
}

TEST_CASE("quoted names are matched exactly, hostile ones included", "[schema]") {
  const auto renames = customers_to_clients();
  CHECK(renames.rewrite(R"(CREATE INDEX i ON "Odd Schema"."Session Tokens" USING btree (x))") ==
        R"(CREATE INDEX i ON "auth"."tokens" USING btree (x))");
  CHECK(renames.rewrite(R"(CREATE INDEX i ON "Odd Schema"."session tokens" USING btree (x))") ==
        R"(CREATE INDEX i ON "Odd Schema"."session tokens" USING btree (x))");
  CHECK(renames.rewrite(R"(ON "Public"."customers")") == R"(ON "Public"."customers")");
  CHECK(renames.rewrite("ON PUBLIC.Customers") == R"(ON "crm"."clients")"); // bare words fold
}

TEST_CASE("only whole qualified names outside literals and calls are rewritten", "[schema]") {
  const auto renames = customers_to_clients();
  // in a literal, a comment, a longer dotted chain, a one-part name, a function call
  const std::string untouched =
      "CHECK ((x <> 'public.customers'::text) AND (y = db.public.customers) AND "
      "(customers.id > 0) AND public.customers(1) AND public.customers_log.id IS NULL) "
      "/* public.customers */";
  CHECK(renames.rewrite(untouched) == untouched);
  // a cast to the table's row type follows the table
  CHECK(renames.rewrite("(NULL::public.customers IS NULL)") ==
        R"((NULL::"crm"."clients" IS NULL))");
}

TEST_CASE("without renames the text is returned as is", "[schema]") {
  Renames renames;
  renames.set({"public", "users"}, {"public", "users"});
  CHECK(renames.empty());
  CHECK(renames.rewrite("ON public.users") == "ON public.users");
  renames.set({"public", "users"}, {"public", "accounts"});
  renames.set({"public", "users"}, {"public", "users"}); // set back: the rename is gone
  CHECK(renames.empty());
}

TEST_CASE("a view keeps the old name as alias where the FROM list had none", "[schema]") {
  const auto renames = customers_to_clients();
  CHECK(renames.rewrite_view(" SELECT customers.id,\n    customers.name\n   FROM public.customers\n"
                             "  WHERE customers.id > 0") ==
        " SELECT customers.id,\n    customers.name\n   FROM \"crm\".\"clients\" \"customers\"\n"
        "  WHERE customers.id > 0");
  CHECK(renames.rewrite_view(" SELECT c.id\n   FROM public.customers c\n     JOIN public.orders o "
                             "ON o.customer_id = c.id") ==
        " SELECT c.id\n   FROM \"crm\".\"clients\" c\n     JOIN public.orders o ON o.customer_id = "
        "c.id");
  CHECK(
      renames.rewrite_view(" SELECT o.id\n   FROM public.orders o\n     LEFT JOIN public.customers "
                           "ON customers.id = o.customer_id") ==
      " SELECT o.id\n   FROM public.orders o\n     LEFT JOIN \"crm\".\"clients\" \"customers\" "
      "ON customers.id = o.customer_id");
  CHECK(renames.rewrite_view("SELECT 1 FROM (public.orders JOIN public.customers USING (id))") ==
        R"(SELECT 1 FROM (public.orders JOIN "crm"."clients" "customers" USING (id)))");
  CHECK(renames.rewrite_view("SELECT NULL::public.customers AS c FROM ONLY public.customers") ==
        R"(SELECT NULL::"crm"."clients" AS c FROM ONLY "crm"."clients" "customers")");
}

TEST_CASE("a table that only changes schema needs no alias in a view", "[schema]") {
  Renames renames;
  renames.set({"public", "orders"}, {"billing", "orders"});
  CHECK(renames.rewrite_view("SELECT orders.id FROM public.orders") ==
        R"(SELECT orders.id FROM "billing"."orders")");
}
