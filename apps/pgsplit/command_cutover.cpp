// `pgsplit cutover`: the switch of an online split (online/cutover.hpp).
#include "command.hpp"
#include "commands.hpp"
#include "planning.hpp"

#include <pgsplit/core/error.hpp>
#include <pgsplit/online/cutover.hpp>
#include <pgsplit/verify/render_text.hpp>
#include <pgsplit/verify/report.hpp>

#include <fmt/format.h>

#include <cstdio>

namespace pgsplit::app {

int run_cutover(const std::vector<std::string>& arguments) {
  po::options_description options("Options");
  options.add_options()("config,c", po::value<std::string>()->default_value("pgsplit.yaml"),
                        "the mapping file")(
      "format", po::value<std::string>()->default_value("text"), "text | json | markdown")(
      "checksums", "verify row checksums too, not only counts (the write freeze lasts longer)")(
      "no-fence", "do not make the moved source tables refuse writes after the switch")(
      "jobs,j", po::value<int>()->default_value(4), "tables verified at once")(
      "lock-timeout", po::value<int>()->default_value(10),
      "seconds to wait for the write locks before giving up (nothing changed then)")(
      "catch-up-timeout", po::value<int>()->default_value(60),
      "seconds the frozen targets may take to apply the last changes");
  po::variables_map values;
  if (!parse_options("cutover",
                     "[-c FILE] [--format text|json|markdown] [--checksums] [--no-fence]", options,
                     arguments, values)) {
    return 0;
  }
  const auto format = values["format"].as<std::string>();
  if (format != "text" && format != "json" && format != "markdown") {
    throw core::UsageError(fmt::format("pgsplit cutover: unknown format '{}'", format),
                           "use --format text, json or markdown");
  }
  if (values["jobs"].as<int>() < 1 || values["lock-timeout"].as<int>() < 1 ||
      values["catch-up-timeout"].as<int>() < 1) {
    throw core::UsageError("pgsplit cutover: -j and the timeouts must be at least 1",
                           "e.g. -j 4 --lock-timeout 10");
  }
  // Targets hold rows and the state of the apply: planned as a resumed run would be.
  auto session = prepare_plan(values["config"].as<std::string>(), true);
  if (session.plan.has_errors()) {
    print_findings(session.plan);
    refuse_plan_with_errors(session.plan, "run `pgsplit plan` for the whole picture");
  }
  const online::CutoverOptions cutover_options{
      .checksums = values.count("checksums") != 0,
      .fence = values.count("no-fence") == 0,
      .jobs = values["jobs"].as<int>(),
      .lock_timeout = std::chrono::seconds(values["lock-timeout"].as<int>()),
      .catch_up_timeout = std::chrono::seconds(values["catch-up-timeout"].as<int>())};
  const auto report =
      online::cutover(session.mapping, session.catalog, session.plan, cutover_options);
  fmt::print("{}", format == "json"       ? online::render_cutover_json(report)
                   : format == "markdown" ? online::render_cutover_markdown(report)
                                          : online::render_cutover_text(report));
  std::fflush(stdout);
  if (!report.ok()) {
    throw core::VerificationError(verify::verdict_line(*report.verify),
                                  "the write locks were released and replication goes on; "
                                  "inspect the differences, then `pgsplit cutover` again");
  }
  return 0;
}

} // namespace pgsplit::app
