// `pgsplit apply`: plan (refusing a plan with errors), then recreate each target's schema and
// copy every table from one snapshot of the source, in parallel, atomically per table.
#include "command.hpp"
#include "commands.hpp"
#include "planning.hpp"

#include <pgsplit/copy/access_phase.hpp>
#include <pgsplit/copy/apply.hpp>
#include <pgsplit/core/byte_size.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/core/markdown_table.hpp>
#include <pgsplit/online/resume.hpp>
#include <pgsplit/online/status.hpp>
#include <pgsplit/online/stream.hpp>
#include <pgsplit/stamp/stamp_target.hpp>
#include <pgsplit/verify/render_json.hpp>
#include <pgsplit/verify/render_markdown.hpp>
#include <pgsplit/verify/render_text.hpp>
#include <pgsplit/verify/verify_split.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <map>
#include <set>
#include <utility>

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

// --auto-split MIN|off: the size below which auto-split leaves a table whole, or nothing.
std::optional<std::int64_t> auto_split_minimum(const po::variables_map& values) {
  const auto text = values["auto-split"].as<std::string>();
  if (text == "off") {
    return std::nullopt;
  }
  const auto bytes = core::parse_byte_size(text);
  if (!bytes) {
    throw core::UsageError(fmt::format("pgsplit apply: --auto-split: '{}' is neither a size nor "
                                       "off",
                                       text),
                           "give a size such as 64MB (the smallest table it splits) or off");
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
  options.auto_split_minimum = auto_split_minimum(values);
  options.analyze = values.count("no-analyze") == 0;
  if (values.count("quiet") || values["format"].as<std::string>() == "json") {
    options.progress = copy::ProgressStyle::quiet;
  } else {
    options.progress =
        ::isatty(STDERR_FILENO) ? copy::ProgressStyle::terminal : copy::ProgressStyle::log;
  }
  return options;
}

// The apply report in the text or Markdown format (JSON is assembled by finish_apply).
std::string render_apply(const copy::ApplyReport& report, const std::string& format) {
  return format == "markdown" ? copy::render_report_markdown(report)
                              : copy::render_report_text(report);
}

std::string render_verify(const verify::VerifyReport& report, const std::string& format) {
  return format == "markdown" ? verify::render_markdown(report) : verify::render_text(report);
}

// The source rows each table's COPY read in this run, in the snapshot verify reads: the count
// verify would otherwise read from the source again. Left out: tables kept from an earlier run
// (another snapshot), and a target table that several copies fill.
std::map<std::pair<std::string, std::string>, std::int64_t>
copied_source_rows(const copy::ApplyReport& report) {
  std::map<std::pair<std::string, std::string>, std::int64_t> rows;
  std::set<std::pair<std::string, std::string>> repeated;
  for (const auto& table : report.tables) {
    const auto key = std::make_pair(table.target, table.table);
    if (!rows.emplace(key, table.source_rows).second) {
      repeated.insert(key);
    }
    if (table.status != copy::CopyStatus::done) {
      repeated.insert(key);
    }
  }
  for (const auto& key : repeated) {
    rows.erase(key);
  }
  return rows;
}

// After the copy: verify (in the copy's snapshot), then stamp each target; print the report.
void finish_apply(PlanningSession& session, const copy::ApplyReport& report,
                  const std::string& verify_mode, const std::string& format, int jobs) {
  nlohmann::ordered_json json;
  if (format == "json") {
    json["apply"] = nlohmann::ordered_json::parse(copy::render_report_json(report));
  } else {
    fmt::print("{}", render_apply(report, format));
  }
  if (verify_mode != "none") {
    const auto verified =
        verify::verify_split(session.source, session.mapping, session.catalog, session.plan,
                             {.checksums = verify_mode == "checksums",
                              .references = false,
                              .jobs = jobs,
                              .stamps = false,
                              .access = false, // set after this check
                              .known_source_rows = copied_source_rows(report)});
    if (format == "json") {
      json["verify"] = nlohmann::ordered_json::parse(verify::render_json(verified));
    } else {
      fmt::print("\n{}", render_verify(verified, format));
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
  bool first_stamp = true;
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
      } else if (format == "markdown") {
        fmt::print("{}- stamped {}: {}\n", first_stamp ? "\n**Stamps**:\n\n" : "",
                   core::markdown_text(target.name), core::markdown_code(written.summary));
      } else {
        fmt::print("stamped {}: {}\n", target.name, written.summary);
      }
      first_stamp = false;
    }
  }
  if (format == "json") {
    fmt::print("{}\n", json.dump(2));
  }
}

// An interrupted or failed copy: the report so far, then the error that says how to go on.
void refuse_incomplete(const copy::ApplyReport& report, const std::string& format,
                       const std::string& after_interrupt, const std::string& after_failure) {
  if (report.complete()) {
    return;
  }
  if (format == "json") { // the same document as after a complete run, without what follows
    nlohmann::ordered_json json;
    json["apply"] = nlohmann::ordered_json::parse(copy::render_report_json(report));
    fmt::print("{}\n", json.dump(2));
  } else {
    fmt::print("{}", render_apply(report, format));
  }
  if (report.interrupted) {
    throw core::InterruptedError(
        fmt::format("apply interrupted: in-flight copies were rolled back; {}", after_interrupt),
        report.signal_number);
  }
  throw core::Error(fmt::format("apply did not complete: {}", report.failures.empty()
                                                                  ? "some work did not run"
                                                                  : report.failures.front()),
                    after_failure);
}

// apply --online: publications and slots first, the copy in each slot's snapshot, then the
// subscriptions; returns once every target streams. Verification and stamps come at cutover,
// where the source is frozen and the comparison can be exact.
int apply_online(PlanningSession& session, copy::ApplyOptions options, const std::string& format) {
  std::set<std::string> kept;
  if (options.resume) {
    auto point = online::restart_unsubscribed(session.mapping);
    for (const auto& target : point.kept) {
      fmt::print(stderr, "pgsplit: target {} is subscribed already: kept as it is\n", target);
    }
    for (const auto& dropped : point.dropped) {
      fmt::print(stderr, "pgsplit: dropped the earlier run's {}\n", dropped);
    }
    for (const auto& target : point.restarted) {
      fmt::print(stderr,
                 "pgsplit: target {}: every table is copied again, from a new slot's snapshot\n",
                 target);
    }
    kept = std::move(point.kept);
  }
  auto replication = online::ReplicationStart::begin(session.mapping, session.plan, kept);
  options.target_snapshots = replication.snapshots();
  const auto report = copy::apply_split(session.source, session.mapping.source.url, session.mapping,
                                        session.catalog, session.plan, options);
  replication.release();
  const std::string go_on = "`pgsplit apply --resume --online` continues (targets not yet "
                            "subscribed are copied again); `pgsplit cleanup` gives it up";
  refuse_incomplete(report, format, go_on, "fix the cause; " + go_on);
  copy::apply_access(session.mapping, session.catalog, session.plan);
  online::subscribe_targets(session.mapping, kept);
  online::wait_until_streaming(session.mapping);
  if (format == "json") {
    nlohmann::ordered_json json;
    json["apply"] = nlohmann::ordered_json::parse(copy::render_report_json(report));
    json["online"] = nlohmann::ordered_json::parse(
        online::render_status_json(online::read_status(session.mapping)));
    fmt::print("{}\n", json.dump(2));
  } else {
    fmt::print("{}\nevery target is streaming the source's changes: watch them with `pgsplit "
               "status`, switch with `pgsplit cutover`\n",
               render_apply(report, format));
  }
  return 0;
}

} // namespace

int run_apply(const std::vector<std::string>& arguments) {
  po::options_description options("Options");
  options.add_options()("config,c", po::value<std::string>()->default_value("pgsplit.yaml"),
                        "the mapping file")(
      "jobs,j", po::value<int>(), "tables copied at once (default: options.jobs, else 4)")(
      "resume", "continue an interrupted apply: tables already copied with the same mapping "
                "are kept, the others copied again (from a new snapshot); with --online, "
                "targets already subscribed are kept and every other target's tables are "
                "copied again from a new slot")("quiet,q", "no progress display")(
      "format", po::value<std::string>()->default_value("text"),
      "report format: text | json | markdown")(
      "maintenance-work-mem", po::value<std::string>()->default_value("256MB"),
      "maintenance_work_mem of target sessions (index builds)")(
      "split-larger-than", po::value<std::string>()->default_value("1GB"),
      "copy a table larger than this in concurrent parts (integer primary key ranges, else "
      "page ranges), one per SIZE, at most -j; 0 never splits (auto-split included)")(
      "auto-split", po::value<std::string>()->default_value("64MB"),
      "also split a table whose size exceeds the mapped tables' total divided by -j (it would "
      "outlast the other copies), when it is larger than this size; off: only "
      "--split-larger-than splits")(
      "no-analyze", "do not ANALYZE each table once its data and indexes are in (by default "
                    "every target table has statistics when apply ends)")(
      "online",
      "online mode: publish each target's tables and copy them from its replication slot's "
      "snapshot, then leave every target streaming the source's changes (see `pgsplit status`, "
      "`pgsplit cutover`, `pgsplit cleanup`); verification and stamps then come with cutover")(
      "verify", po::value<std::string>()->default_value("counts"),
      "after the copy: counts | checksums | none (a mismatch exits 3; stamps are written only "
      "after a successful check)");
  po::variables_map values;
  if (!parse_options("apply",
                     "[-c FILE] [-j N] [--resume] [--online] [--quiet] "
                     "[--format text|json|markdown]",
                     options, arguments, values)) {
    return 0;
  }
  const auto format = values["format"].as<std::string>();
  if (format != "text" && format != "json" && format != "markdown") {
    throw core::UsageError(fmt::format("pgsplit apply: unknown format '{}'", format),
                           "use --format text, json or markdown");
  }
  if (values.count("jobs") && values["jobs"].as<int>() < 1) {
    throw core::UsageError(
        fmt::format("pgsplit apply: -j must be at least 1, got {}", values["jobs"].as<int>()),
        "give the number of tables copied at once, e.g. -j 4");
  }
  split_threshold(values); // a bad size is refused before connecting anywhere
  auto_split_minimum(values);
  const auto verify_mode = values["verify"].as<std::string>();
  if (verify_mode != "counts" && verify_mode != "checksums" && verify_mode != "none") {
    throw core::UsageError(fmt::format("pgsplit apply: unknown --verify '{}'", verify_mode),
                           "use --verify counts, checksums or none");
  }
  const bool resume = values.count("resume") != 0;
  const bool online = values.count("online") != 0;
  auto session = prepare_plan(values["config"].as<std::string>(), resume, online);
  if (session.plan.has_errors()) {
    print_findings(session.plan);
    refuse_plan_with_errors(session.plan, "run `pgsplit plan` for the whole picture");
  }
  const auto apply = apply_options(values, session.mapping);
  if (resume && !online) {
    fmt::print(stderr, "pgsplit: resuming: tables not yet copied are read from a new snapshot "
                       "of the source; it must not have changed since the first run\n");
  }
  if (online) {
    return apply_online(session, apply, format);
  }
  const auto report = copy::apply_split(session.source, session.mapping.source.url, session.mapping,
                                        session.catalog, session.plan, apply);
  refuse_incomplete(report, format, "`pgsplit apply --resume` continues",
                    "fix the cause, then run `pgsplit apply --resume`");
  finish_apply(session, report, verify_mode, format, apply.jobs);
  return 0;
}

} // namespace pgsplit::app
