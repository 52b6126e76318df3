// `pgsplit apply`: plan (refusing a plan with errors), then recreate each target's schema and
// copy every table from one snapshot of the source, in parallel, atomically per table.
#include "command.hpp"
#include "commands.hpp"
#include "planning.hpp"

#include <pgsplit/copy/access_phase.hpp>
#include <pgsplit/copy/apply.hpp>
#include <pgsplit/core/byte_size.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/stamp_target.hpp>
#include <pgsplit/verify/render_json.hpp>
#include <pgsplit/verify/render_text.hpp>
#include <pgsplit/verify/verify_split.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

namespace pgsplit::app {
namespace {

std::int64_t split_threshold(const po::variables_map& values) {
  const auto text = values["split-larger-than"].as<std::string>();
  const auto bytes = core::parse_byte_size(text);
  if (!bytes) {
    throw core::UsageError(
        fmt::format("pgsplit apply: --split-larger-than: '{}' is not a size", text),
        "give a size such as 1GB, 512MB or 0 (never split)");
  }
  return *bytes;
}

copy::ApplyOptions apply_options(const po::variables_map& values, const config::Mapping& mapping) {
  copy::ApplyOptions options;
  options.jobs = values.count("jobs") ? values["jobs"].as<int>() : mapping.options.jobs;
  if (options.jobs < 1) {
    throw core::UsageError(
        fmt::format("pgsplit apply: -j must be at least 1, got {}", options.jobs),
        "give the number of tables copied at once, e.g. -j 4");
  }
  options.resume = values.count("resume") != 0;
  options.maintenance_work_mem = values["maintenance-work-mem"].as<std::string>();
  options.split_larger_than = split_threshold(values);
  if (values.count("quiet") || values["format"].as<std::string>() == "json") {
    options.progress = copy::ProgressStyle::quiet;
  } else {
    options.progress =
        ::isatty(STDERR_FILENO) ? copy::ProgressStyle::terminal : copy::ProgressStyle::log;
  }
  return options;
}

// After the copy: verify (in the copy's snapshot), then stamp each target; print the report.
void finish_apply(PlanningSession& session, const copy::ApplyReport& report,
                  const std::string& verify_mode, const std::string& format, int jobs) {
  nlohmann::ordered_json json;
  if (format == "json") {
    json["apply"] = nlohmann::ordered_json::parse(copy::render_report_json(report));
  } else {
    fmt::print("{}", copy::render_report_text(report));
  }
  if (verify_mode != "none") {
    const auto verified =
        verify::verify_split(session.source, session.mapping, session.catalog, session.plan,
                             {.checksums = verify_mode == "checksums",
                              .references = false,
                              .jobs = jobs,
                              .stamps = false});
    if (format == "json") {
      json["verify"] = nlohmann::ordered_json::parse(verify::render_json(verified));
    } else {
      fmt::print("\n{}", verify::render_text(verified));
    }
    if (!verified.ok()) {
      if (format == "json") {
        fmt::print("{}\n", json.dump(2));
      }
      throw core::VerificationError(
          verify::verdict_line(verified),
          "the targets were not stamped, and have no row-level security policies, owners or "
          "privileges yet; inspect the differences, then `pgsplit verify`");
    }
  }
  copy::apply_access(session.mapping, session.catalog, session.plan);
  json["stamps"] = nlohmann::ordered_json::array();
  for (const auto& target : session.mapping.targets) {
    if (target.stamps.empty()) {
      continue;
    }
    auto connection = pg::Connection::open(target.url, {.application_name = "pgsplit apply"});
    for (const auto& written : stamp::stamp_target(connection, target).entries) {
      if (format == "json") {
        json["stamps"].push_back({{"target", target.name},
                                  {"stamp", written.summary},
                                  {"rows_written", written.rows_written}});
      } else {
        fmt::print("stamped {}: {}\n", target.name, written.summary);
      }
    }
  }
  if (format == "json") {
    fmt::print("{}\n", json.dump(2));
  }
}

} // namespace

int run_apply(const std::vector<std::string>& arguments) {
  po::options_description options("Options");
  options.add_options()("config,c", po::value<std::string>()->default_value("pgsplit.yaml"),
                        "the mapping file")(
      "jobs,j", po::value<int>(), "tables copied at once (default: options.jobs, else 4)")(
      "resume",
      "continue an interrupted apply: tables already copied with the same mapping "
      "are kept, the others copied again (from a new snapshot)")("quiet,q", "no progress display")(
      "format", po::value<std::string>()->default_value("text"), "report format: text | json")(
      "maintenance-work-mem", po::value<std::string>()->default_value("256MB"),
      "maintenance_work_mem of target sessions (index builds)")(
      "split-larger-than", po::value<std::string>()->default_value("1GB"),
      "copy a table larger than this in concurrent parts (integer primary key ranges, else "
      "page ranges), one per SIZE, at most -j; 0 never splits")(
      "verify", po::value<std::string>()->default_value("counts"),
      "after the copy: counts | checksums | none (a mismatch exits 3; stamps are written only "
      "after a successful check)");
  po::variables_map values;
  if (!parse_options("apply", "[-c FILE] [-j N] [--resume] [--quiet] [--format text|json]", options,
                     arguments, values)) {
    return 0;
  }
  const auto format = values["format"].as<std::string>();
  if (format != "text" && format != "json") {
    throw core::UsageError(fmt::format("pgsplit apply: unknown format '{}'", format),
                           "use --format text or json");
  }
  if (values.count("jobs") && values["jobs"].as<int>() < 1) {
    throw core::UsageError(
        fmt::format("pgsplit apply: -j must be at least 1, got {}", values["jobs"].as<int>()),
        "give the number of tables copied at once, e.g. -j 4");
  }
  split_threshold(values); // a bad size is refused before connecting anywhere
  const auto verify_mode = values["verify"].as<std::string>();
  if (verify_mode != "counts" && verify_mode != "checksums" && verify_mode != "none") {
    throw core::UsageError(fmt::format("pgsplit apply: unknown --verify '{}'", verify_mode),
                           "use --verify counts, checksums or none");
  }
  const bool resume = values.count("resume") != 0;
  auto session = prepare_plan(values["config"].as<std::string>(), resume);
  if (session.plan.has_errors()) {
    print_findings(session.plan);
    refuse_plan_with_errors(session.plan, "run `pgsplit plan` for the whole picture");
  }
  const auto apply = apply_options(values, session.mapping);
  if (resume) {
    fmt::print(stderr, "pgsplit: resuming: tables not yet copied are read from a new snapshot "
                       "of the source; it must not have changed since the first run\n");
  }
  const auto report = copy::apply_split(session.source, session.mapping.source.url, session.mapping,
                                        session.catalog, session.plan, apply);
  if (report.interrupted || !report.complete()) {
    if (format == "json") { // the same document as after a complete run, without what follows
      nlohmann::ordered_json json;
      json["apply"] = nlohmann::ordered_json::parse(copy::render_report_json(report));
      fmt::print("{}\n", json.dump(2));
    } else {
      fmt::print("{}", copy::render_report_text(report));
    }
  }
  if (report.interrupted) {
    throw core::InterruptedError("apply interrupted: in-flight copies were rolled back; "
                                 "`pgsplit apply --resume` continues",
                                 report.signal_number);
  }
  if (!report.complete()) {
    throw core::Error(fmt::format("apply did not complete: {}", report.failures.empty()
                                                                    ? "some work did not run"
                                                                    : report.failures.front()),
                      "fix the cause, then run `pgsplit apply --resume`");
  }
  finish_apply(session, report, verify_mode, format, apply.jobs);
  return 0;
}

} // namespace pgsplit::app
