#include <pgsplit/copy/apply.hpp>
#include <pgsplit/copy/interrupt.hpp>
#include <pgsplit/copy/job_graph.hpp>
#include <pgsplit/copy/sequences.hpp>
#include <pgsplit/copy/table_parts.hpp>
#include <pgsplit/copy/target_databases.hpp>
#include <pgsplit/copy/worker.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/quote.hpp>
#include <pgsplit/pg/snapshot.hpp>

#include <fmt/format.h>

#include <chrono>
#include <map>
#include <optional>
#include <set>

namespace pgsplit::copy {
namespace {

// Holds every source table in ACCESS SHARE mode (no DDL, no TRUNCATE) for the whole copy and
// returns the snapshot that every worker imports.
std::string lock_and_export(pg::Connection& source, const plan::Plan& plan) {
  std::set<std::string> tables;
  for (const auto& target : plan.targets) {
    for (const auto& placed : target.tables) {
      tables.insert(pg::quote_qualified(placed.source_name.schema, placed.source_name.name));
    }
  }
  if (!tables.empty()) {
    source.exec(fmt::format("LOCK TABLE {} IN ACCESS SHARE MODE", fmt::join(tables, ", ")));
  }
  return pg::export_snapshot(source);
}

// An earlier run left its state (schema _pgsplit) in a target: without --resume that is an
// error, found before anything is written. A target whose database does not exist yet holds
// no state (create_missing_databases makes it, or says why it cannot).
std::map<std::string, TargetState> earlier_states(const config::Mapping& mapping,
                                                  const plan::Plan& plan, bool resume) {
  std::map<std::string, TargetState> states;
  for (std::size_t index = 0; index < plan.targets.size(); ++index) {
    const auto& target = mapping.targets[index];
    std::optional<pg::Connection> session;
    try {
      session.emplace(pg::Connection::open(
          target.url, {.application_name = "pgsplit apply", .read_only = true}));
    } catch (const core::ConnectionError&) {
      if (target.create_database) {
        continue;
      }
      throw;
    }
    auto state = read_state(*session);
    if (state.exists && !resume) {
      throw core::UsageError(
          fmt::format("target {} holds the state of an earlier pgsplit apply (schema _pgsplit)",
                      plan.targets[index].name),
          "continue it with `pgsplit apply --resume`, or drop the target database and start over");
    }
    states.emplace(target.name, std::move(state));
  }
  return states;
}

std::vector<TargetWork> prepare_targets(pg::Connection& source, const config::Mapping& mapping,
                                        const catalog::Catalog& catalog, const plan::Plan& plan,
                                        const ApplyOptions& options,
                                        std::map<std::string, TargetState>& states) {
  const bool existing = mapping.options.schema == config::SchemaMode::existing;
  std::vector<TargetWork> work;
  std::int64_t total_bytes = 0; // every target's tables share the -j workers
  for (const auto& target_plan : plan.targets) {
    TargetWork target;
    target.plan = &target_plan;
    target.create_schema = !existing;
    if (!existing) {
      target.ddl = schema::generate_target_ddl(catalog, target_plan);
    }
    target.copies = table_copies(catalog, target_plan, existing);
    for (const auto& copy : target.copies) {
      total_bytes += copy.estimated_bytes;
    }
    target.sequences = sequence_values(source, catalog, target_plan);
    target.state = std::move(states[target_plan.name]); // a new database: no state
    work.push_back(std::move(target));
  }
  const auto threshold = split_threshold(options.split_larger_than, total_bytes, options.jobs,
                                         options.auto_split_minimum);
  for (auto& target : work) {
    plan_parts(source, catalog, target.copies, threshold, options.jobs);
  }
  return work;
}

ApplyReport report_of(const Progress& progress, const RunOutcome& outcome,
                      const std::vector<Job>& jobs) {
  ApplyReport report;
  std::map<std::string, TargetReport> targets;
  for (const auto& entry : progress.entries()) {
    TableReport table{entry.target,
                      entry.table,
                      entry.counters.rows.load(),
                      entry.counters.bytes.load(),
                      entry.seconds.load(),
                      entry.status.load(),
                      entry.parts,
                      entry.parts_committed.load(),
                      entry.source_rows.load()};
    auto& target = targets[entry.target];
    target.name = entry.target;
    target.kept += table.status == CopyStatus::skipped ? 1 : 0;
    if (table.status == CopyStatus::done) {
      ++target.tables;
      target.rows += table.rows;
      target.bytes += table.bytes;
      target.seconds = std::max(target.seconds, table.seconds);
    }
    if (table.status == CopyStatus::done) {
      const double finished =
          std::chrono::duration<double>(entry.started - progress.begun()).count() +
          entry.seconds.load();
      report.data_seconds = std::max(report.data_seconds, finished);
    }
    report.tables.push_back(std::move(table));
  }
  for (auto& [name, target] : targets) {
    report.targets.push_back(target);
  }
  for (const auto& failure : outcome.failures) {
    try {
      std::rethrow_exception(failure.error);
    } catch (const std::exception& error) {
      report.failures.push_back(error.what());
    }
  }
  for (std::size_t index = 0; index < jobs.size(); ++index) {
    if (outcome.states[index] == JobState::skipped) {
      report.not_done.push_back(jobs[index].name);
    }
  }
  return report;
}

} // namespace

ApplyReport apply_split(pg::Connection& source, const std::string& source_url,
                        const config::Mapping& mapping, const catalog::Catalog& catalog,
                        const plan::Plan& plan, const ApplyOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  pg::turn_off_inherited_timeouts(source); // it holds the exported snapshot, idle, all along
  auto states = earlier_states(mapping, plan, options.resume); // before anything is written
  create_missing_databases(mapping);
  auto targets = prepare_targets(source, mapping, catalog, plan, options, states);

  SessionSettings settings;
  settings.source_url = source_url;
  settings.snapshot = lock_and_export(source, plan);
  settings.target_snapshots = options.target_snapshots;
  settings.maintenance_work_mem = options.maintenance_work_mem;
  for (const auto& target : mapping.targets) {
    settings.target_urls[target.name] = target.url;
  }

  Progress progress;
  Interrupt interrupt;
  interrupt.watch(source);
  const auto jobs = build_job_graph(
      targets, catalog, {.resume = options.resume, .analyze = options.analyze}, progress);
  RunOutcome outcome;
  {
    SignalWatcher signals(interrupt);
    progress.show(options.progress);
    outcome = run_jobs(jobs, options.jobs, settings, interrupt);
    progress.stop();
  }
  auto report = report_of(progress, outcome, jobs);
  report.interrupted = interrupt.signal_number() != 0;
  report.signal_number = interrupt.signal_number();
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

} // namespace pgsplit::copy
