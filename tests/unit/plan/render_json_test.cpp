#include "unit/plan/render_fixture.hpp"

#include <pgsplit/plan/render_json.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace pgsplit::plan;
using Json = nlohmann::ordered_json; // keeps the order of the keys, to check it

namespace {

using Keys = std::vector<std::string>;

Keys keys_of(const Json& object) {
  Keys keys;
  for (const auto& item : object.items()) {
    keys.push_back(item.key());
  }
  return keys;
}

Json render(const Plan& plan, const pgsplit::catalog::Catalog& catalog) {
  return Json::parse(render_json(plan, catalog));
}

} // namespace

TEST_CASE("render_json writes the documented top-level keys in order", "[plan]") {
  const auto catalog = test::make_catalog();
  const std::string text = render_json(test::make_plan(catalog), catalog);
  CHECK(text.rfind("{\n  \"format_version\": 1,\n  \"source\": {\n    \"connection\"", 0) == 0);
  const Json doc = Json::parse(text);
  CHECK(keys_of(doc) == Keys{"format_version", "source", "targets", "excluded", "views_left_behind",
                             "objects_left_behind", "cross_target_foreign_keys", "shared_sequences",
                             "totals", "errors", "warnings", "ok"});
  CHECK(doc["source"] ==
        Json{{"connection", "postgresql://app@mono:5432/app"}, {"database", "app"}});
  CHECK(doc["ok"] == true);
  CHECK(doc["totals"] ==
        Json{{"targets", 2}, {"tables", 8}, {"estimated_rows", 69448}, {"size_bytes", 23973069}});
}

TEST_CASE("render_json describes each target", "[plan]") {
  const auto catalog = test::make_catalog();
  const Json doc = render(test::make_plan(catalog), catalog);
  REQUIRE(doc["targets"].size() == 2);
  const Json& auth = doc["targets"][0];
  CHECK(keys_of(auth) == Keys{"name", "connection", "create_database", "tables", "schemas",
                              "extensions", "types", "sequences", "functions", "views", "objects",
                              "dropped_foreign_keys", "stamps", "stamp_summaries", "estimated_rows",
                              "size_bytes"});
  CHECK(auth["name"] == "auth");
  CHECK(auth["connection"] == "postgresql://app@auth-db/auth");
  CHECK(auth["create_database"] == true);
  CHECK(auth["tables"][0] == Json{{"source", "public.users"},
                                  {"target", "public.users"},
                                  {"where", nullptr},
                                  {"replicate", false},
                                  {"partition_of", nullptr},
                                  {"estimated_rows", 12345},
                                  {"size_bytes", 12897485}});
  CHECK(auth["tables"][2]["target"] == "audit.events");
  CHECK(auth["tables"][2]["where"] == "service = 'auth'");
  CHECK(auth["tables"][2]["replicate"] == true);
  CHECK(auth["schemas"] == Json{"audit", "public"});
  CHECK(auth["extensions"] == Json::array({"pgcrypto"}));
  CHECK(auth["types"] == Json::array({Json{{"name", "public.mood"}, {"kind", "enum"}}}));
  CHECK(auth["sequences"] == Json{"public.users_id_seq", "public.global_seq"});
  CHECK(auth["functions"] == Json::array({Json{{"name", "public.touch"}, {"arguments", ""}}}));
  CHECK(auth["views"] == Json{Json{{"name", "public.active_users"}, {"materialized", false}},
                              Json{{"name", "public.stats"}, {"materialized", true}}});
  CHECK(auth["objects"] == Json::array());
  CHECK(doc["targets"][1]["objects"] ==
        Json::array({Json{{"kind", "collation"}, {"name", "public.ci"}}}));
  CHECK(auth["dropped_foreign_keys"] == Json::array());
  CHECK(auth["stamps"] == Json::array({Json{{"tool", "alembic"},
                                            {"schema", "public"},
                                            {"table", "alembic_version_auth"},
                                            {"version", "head"}}}));
  CHECK(auth["stamp_summaries"] ==
        Json::array({"alembic public.alembic_version_auth → 4f1e2d3c5b6a"}));
  CHECK(auth["estimated_rows"] == 13445);
  CHECK(auth["size_bytes"] == 12987597);

  const Json& payment = doc["targets"][1];
  CHECK(payment["create_database"] == false);
  CHECK(payment["tables"][4]["source"] == "public.events_2024");
  CHECK(payment["tables"][4]["partition_of"] == "public.events");
  CHECK(payment["tables"][2]["source"] == "public." + test::odd_name);
  CHECK(payment["functions"][0]["arguments"] == "amount numeric");
  CHECK(payment["dropped_foreign_keys"].size() == 2);
}

TEST_CASE("render_json lists cross-target foreign keys and what stays behind", "[plan]") {
  const auto catalog = test::make_catalog();
  const Json doc = render(test::make_plan(catalog), catalog);
  REQUIRE(doc["cross_target_foreign_keys"].size() == 2);
  CHECK(doc["cross_target_foreign_keys"][0] == Json{{"constraint", "orders_user_id_fkey"},
                                                    {"child", "public.orders"},
                                                    {"child_columns", {"user_id"}},
                                                    {"child_target", "payment"},
                                                    {"parent", "public.users"},
                                                    {"parent_columns", {"id"}},
                                                    {"parent_target", "auth"}});
  CHECK(doc["cross_target_foreign_keys"][1]["parent_target"].is_null());
  CHECK(doc["targets"][1]["dropped_foreign_keys"] == doc["cross_target_foreign_keys"]);
  REQUIRE(doc["excluded"].size() == 3);
  CHECK(doc["excluded"][1] == Json{{"table", "public.alembic_version"},
                                   {"reason", "migration version table (alembic)"},
                                   {"version_table", true}});
  CHECK(doc["excluded"][0]["version_table"] == false);
  CHECK(doc["views_left_behind"] ==
        Json::array({Json{{"name", "public.report"},
                          {"materialized", false},
                          {"reason", "uses tables of targets auth and payment"}}}));
  CHECK(doc["shared_sequences"] ==
        Json::array({Json{{"name", "public.global_seq"}, {"targets", {"auth", "payment"}}}}));
}

TEST_CASE("render_json writes errors and warnings with their locations", "[plan]") {
  const auto catalog = test::make_catalog();
  const Json ok = render(test::make_plan(catalog), catalog);
  CHECK(ok["errors"] == Json::array());
  CHECK(ok["warnings"] == Json::array({Json{{"message", "public.orders loses 2 foreign keys"},
                                            {"hint", nullptr},
                                            {"file", "m.yaml"},
                                            {"line", 12},
                                            {"column", 5},
                                            {"target", "payment"},
                                            {"table", nullptr}}}));

  const Json failed = render(test::make_failed_plan(catalog), catalog);
  CHECK(failed["ok"] == false);
  REQUIRE(failed["errors"].size() == 2);
  CHECK(failed["errors"][0]["message"] == "table public.users is mapped twice");
  CHECK(failed["errors"][0]["hint"] == "remove one of the entries");
  CHECK(failed["errors"][0]["line"] == 3);
  CHECK(failed["errors"][1]["line"].is_null());
  CHECK(failed["errors"][1]["column"] == 5);
  CHECK(failed["warnings"].size() == 1);
}

TEST_CASE("render_json never throws on names that are not UTF-8", "[plan]") {
  auto catalog = test::make_catalog();
  Plan plan = test::make_plan(catalog);
  plan.targets[0].tables[0].source_name.name = "caf\xe9";
  const Json doc = render(plan, catalog);
  CHECK(doc["targets"][0]["tables"][0]["source"] == "public.caf\xef\xbf\xbd");
}
