// `pgsplit plan`: the dry run. Reads the source catalog and probes every target, read-only,
// and prints the split; writes nothing anywhere.
#include "command.hpp"
#include "commands.hpp"
#include "graphviz.hpp"
#include "planning.hpp"

#include <pgsplit/core/error.hpp>
#include <pgsplit/plan/render_graph.hpp>
#include <pgsplit/plan/render_json.hpp>
#include <pgsplit/plan/render_markdown.hpp>
#include <pgsplit/plan/render_text.hpp>
#include <pgsplit/schema/target_ddl.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>

namespace pgsplit::app {
namespace {

constexpr std::array<std::string_view, 6> formats{"text", "json",    "markdown",
                                                  "dot",  "mermaid", "svg"};

} // namespace

int run_plan(const std::vector<std::string>& arguments) {
  po::options_description options("Options");
  options.add_options()("config,c", po::value<std::string>()->default_value("pgsplit.yaml"),
                        "the mapping file (relative paths inside it are relative to it)")(
      "format", po::value<std::string>()->default_value("text"),
      "text | json | markdown | dot | mermaid | svg (svg: rendered by Graphviz's dot)")(
      "sql", "print the exact DDL each target will receive (options.schema: create), "
             "instead of the report")(
      "online", "also check what `apply --online` needs: logical WAL, free slots and WAL "
                "senders, replication and subscription rights, a replica identity per table, "
                "no leftovers of an earlier online run");
  po::variables_map values;
  if (!parse_options("plan",
                     "[-c FILE] [--format text|json|markdown|dot|mermaid|svg] [--sql] [--online]",
                     options, arguments, values)) {
    return 0;
  }
  const auto format = values["format"].as<std::string>();
  if (std::find(formats.begin(), formats.end(), format) == formats.end()) {
    throw core::UsageError(fmt::format("pgsplit plan: unknown format '{}'", format),
                           "use --format text, json, markdown, dot, mermaid or svg");
  }
  if (format == "svg" && !values.count("sql")) {
    require_graphviz();
  }
  const auto session =
      prepare_plan(values["config"].as<std::string>(), false, values.count("online") != 0);
  if (values.count("sql")) {
    for (const auto& target : session.plan.targets) {
      fmt::print("-- target {} ({})\n\n{}\n", target.name, target.url_description,
                 schema::render_script(schema::generate_target_ddl(session.catalog, target)));
    }
  } else if (format == "json") {
    fmt::print("{}", plan::render_json(session.plan, session.catalog));
  } else if (format == "dot") {
    fmt::print("{}", plan::render_dot(session.plan, session.catalog));
  } else if (format == "markdown") {
    fmt::print("{}", plan::render_markdown(session.plan, session.catalog));
  } else if (format == "svg") {
    print_svg(plan::render_dot(session.plan, session.catalog));
  } else if (format == "mermaid") {
    fmt::print("{}", plan::render_mermaid(session.plan, session.catalog));
  } else {
    fmt::print("{}", plan::render_text(session.plan, session.catalog));
  }
  std::fflush(stdout); // the report comes before the verdict
  refuse_plan_with_errors(session.plan, "each error above says what to change in the mapping");
  return 0;
}

} // namespace pgsplit::app
