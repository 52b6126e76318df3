// `pgsplit verify`: proves, table by table, that every target holds what the source holds
// (docs/verify.md). Reads the source in one snapshot and the targets read-only; writes nothing.
#include "command.hpp"
#include "commands.hpp"

#include <pgsplit/catalog/loader.hpp>
#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/snapshot.hpp>
#include <pgsplit/pg/transaction.hpp>
#include <pgsplit/plan/build_plan.hpp>
#include <pgsplit/probe/probe.hpp>
#include <pgsplit/stamp/stamp_facts.hpp>
#include <pgsplit/verify/render_json.hpp>
#include <pgsplit/verify/render_markdown.hpp>
#include <pgsplit/verify/render_text.hpp>
#include <pgsplit/verify/verify_split.hpp>

#include <fmt/format.h>

#include <cstdio>

namespace pgsplit::app {
namespace {

// The plan's errors and the stamps' problems (unreadable migration folders): verify cannot
// know what the targets should hold while any is left.
core::Diagnostics blocking_problems(const plan::Plan& plan, const config::Mapping& mapping) {
  auto problems = plan.errors();
  for (const auto& facts : stamp::stamp_facts(mapping)) {
    problems.insert(problems.end(), facts.problems.begin(), facts.problems.end());
  }
  return problems;
}

} // namespace

int run_verify(const std::vector<std::string>& arguments) {
  po::options_description options("Options");
  options.add_options()("config,c", po::value<std::string>()->default_value("pgsplit.yaml"),
                        "the mapping file (relative paths inside it are relative to it)")(
      "checksums", po::bool_switch(),
      "also hash every row in both servers (same counts, different contents)")(
      "references", po::bool_switch(),
      "also count child values of dropped cross-target foreign keys without a parent row")(
      "jobs,j", po::value<int>(), "tables compared at the same time; default: options.jobs")(
      "format", po::value<std::string>()->default_value("text"), "text | json | markdown");
  po::variables_map values;
  if (!parse_options("verify",
                     "[-c FILE] [--checksums] [--references] [-j N] [--format text|json|markdown]",
                     options, arguments, values)) {
    return 0;
  }
  const auto format = values["format"].as<std::string>();
  if (format != "text" && format != "json" && format != "markdown") {
    throw core::UsageError(fmt::format("pgsplit verify: unknown format '{}'", format),
                           "use --format text, json or markdown");
  }
  if (values.count("jobs") && values["jobs"].as<int>() < 1) {
    throw core::UsageError("pgsplit verify: --jobs must be at least 1");
  }

  const auto mapping =
      config::load_mapping(values["config"].as<std::string>(), config::process_environment());
  auto source = pg::Connection::open(mapping.source.url,
                                     {.application_name = "pgsplit verify", .read_only = true});
  pg::Transaction snapshot(source, pg::consistent_read);
  const auto catalog =
      catalog::load_catalog(source, {.schemas = mapping.source.schemas,
                                     .column_uses = config::reshapes_columns(mapping)});
  // No probes and no preflight: after a split the targets hold rows, which is the point.
  auto plan = plan::build_plan(mapping, catalog);
  probe::describe_connections(plan, mapping);
  if (auto problems = blocking_problems(plan, mapping); !problems.empty()) {
    throw core::ConfigError(std::move(problems));
  }

  const verify::VerifyOptions verify_options{.checksums = values["checksums"].as<bool>(),
                                             .references = values["references"].as<bool>(),
                                             .jobs = values.count("jobs") ? values["jobs"].as<int>()
                                                                          : mapping.options.jobs};
  const auto report = verify::verify_split(source, mapping, catalog, plan, verify_options);
  snapshot.commit();

  fmt::print("{}", format == "json"       ? verify::render_json(report)
                   : format == "markdown" ? verify::render_markdown(report)
                                          : verify::render_text(report));
  std::fflush(stdout);
  if (!report.ok()) {
    throw core::VerificationError(verify::verdict_line(report),
                                  "the findings above name each difference");
  }
  return 0;
}

} // namespace pgsplit::app
