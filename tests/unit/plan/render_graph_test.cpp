#include "unit/plan/render_fixture.hpp"

#include <pgsplit/plan/render_graph.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::plan;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using Catch::Matchers::StartsWith;

TEST_CASE("render_dot draws one cluster per target with its root tables", "[plan]") {
  const auto catalog = test::make_catalog();
  const std::string dot = render_dot(test::make_plan(catalog), catalog);
  CHECK_THAT(dot, StartsWith("digraph pgsplit {\n"));
  CHECK_THAT(dot, EndsWith("}\n"));
  CHECK_THAT(dot, Contains("  subgraph cluster_0 {\n    label=\"auth\";\n"
                           "    t16384 [label=\"public.users\"];\n"
                           "    t16385 [label=\"public.sessions\"];\n"
                           "    t16389 [label=\"public.audit_events → audit.events (filtered) "
                           "(replicated)\"];\n  }\n"));
  CHECK_THAT(dot, Contains("  subgraph cluster_1 {\n    label=\"payment\";\n"
                           "    t16387 [label=\"public.events (+1 partition)\"];\n"));
  // A table placed in two targets gets a second node; a partition gets none.
  CHECK_THAT(dot,
             Contains("    t16389_2 [label=\"public.audit_events (filtered) (replicated)\"];"));
  CHECK(dot.find("t16388") == std::string::npos);
}

TEST_CASE("render_dot draws foreign keys, dashed and red between targets", "[plan]") {
  const auto catalog = test::make_catalog();
  const std::string dot = render_dot(test::make_plan(catalog), catalog);
  CHECK_THAT(dot, Contains("  t16385 -> t16384;\n"));
  CHECK_THAT(dot, Contains("  t16392 -> t16386;\n"));
  CHECK_THAT(dot, Contains("  t16386 -> t16384 [style=dashed, color=red, fontcolor=red, "
                           "label=\"orders_user_id_fkey\"];\n"));
  CHECK_THAT(dot, Contains("  t16386 -> t16393 [style=dashed, color=red, fontcolor=red, "
                           "label=\"orders_legacy_fkey\"];\n"));
  // A cross-target foreign key is drawn once, dashed, never also as a plain edge.
  CHECK(dot.find("  t16386 -> t16384;") == std::string::npos);
}

TEST_CASE("render_dot puts what is left behind in a grey cluster", "[plan]") {
  const auto catalog = test::make_catalog();
  const std::string dot = render_dot(test::make_plan(catalog), catalog);
  const auto cluster = dot.find("  subgraph cluster_left_behind {\n    label=\"left behind\";\n"
                                "    style=filled;\n    color=lightgrey;\n");
  REQUIRE(cluster != std::string::npos);
  CHECK(dot.find("    t16390 [label=\"public.tmp_import\"];") > cluster);
  CHECK(dot.find("    t16391 [label=\"public.alembic_version\"];") > cluster);
  CHECK(dot.find("    t16393 [label=\"public.legacy\"];") > cluster);
}

TEST_CASE("render_dot escapes labels and keeps unicode", "[plan]") {
  const auto catalog = test::make_catalog();
  Plan plan = test::make_plan(catalog);
  plan.targets[1].tables[2].source_name.name = "odd \"name\" <ü> \\N\nnext";
  plan.targets[1].tables[2].target_name = plan.targets[1].tables[2].source_name;
  const std::string dot = render_dot(plan, catalog);
  CHECK_THAT(dot, Contains("    t16392 [label=\"public.odd \\\"name\\\" <ü> \\\\N\\nnext\"];\n"));
}

TEST_CASE("render_mermaid draws subgraphs, edges and red dashed cross-target links", "[plan]") {
  const auto catalog = test::make_catalog();
  const std::string mermaid = render_mermaid(test::make_plan(catalog), catalog);
  CHECK_THAT(mermaid, StartsWith("flowchart LR\n"));
  CHECK_THAT(mermaid, Contains("  subgraph target_0[\"auth\"]\n"
                               "    t16384[\"public.users\"]\n"
                               "    t16385[\"public.sessions\"]\n"));
  CHECK_THAT(mermaid, Contains("  subgraph target_1[\"payment\"]\n"));
  CHECK_THAT(mermaid, Contains("  subgraph left_behind[\"left behind\"]\n"
                               "    t16390[\"public.tmp_import\"]\n"));
  CHECK_THAT(mermaid, Contains("  t16385 --> t16384\n"
                               "  t16392 --> t16386\n"
                               "  t16386 -.->|\"orders_user_id_fkey\"| t16384\n"
                               "  t16386 -.->|\"orders_legacy_fkey\"| t16393\n"
                               "  linkStyle 2,3 stroke:red,color:red\n"));
  CHECK_THAT(mermaid, Contains("  style left_behind fill:#eeeeee"));
}

TEST_CASE("render_mermaid escapes labels and keeps unicode", "[plan]") {
  const auto catalog = test::make_catalog();
  const std::string mermaid = render_mermaid(test::make_plan(catalog), catalog);
  CHECK_THAT(mermaid, Contains("    t16392[\"public.odd #quot;name#quot; #lt;ü#gt;\"]\n"));
}

TEST_CASE("render_dot and render_mermaid leave out an empty left-behind box", "[plan]") {
  const auto catalog = test::make_catalog();
  Plan plan = test::make_plan(catalog);
  plan.excluded.clear();
  plan.cross_target_foreign_keys.clear();
  const std::string dot = render_dot(plan, catalog);
  const std::string mermaid = render_mermaid(plan, catalog);
  CHECK(dot.find("left_behind") == std::string::npos);
  CHECK(dot.find("style=dashed") == std::string::npos);
  CHECK(mermaid.find("left_behind") == std::string::npos);
  CHECK(mermaid.find("linkStyle") == std::string::npos);
  // Without the cross-target list, the orders → users key is not drawn at all: its ends are
  // in different targets.
  CHECK(dot.find("t16386 -> t16384") == std::string::npos);
}
