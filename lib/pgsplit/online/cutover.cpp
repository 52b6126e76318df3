#include <pgsplit/copy/sequences.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/core/run_record.hpp>
#include <pgsplit/online/cleanup.hpp>
#include <pgsplit/online/cutover.hpp>
#include <pgsplit/online/cutover_record.hpp>
#include <pgsplit/online/fence.hpp>
#include <pgsplit/online/names.hpp>
#include <pgsplit/online/status.hpp>
#include <pgsplit/online/subscription.hpp>
#include <pgsplit/online/table_shapes.hpp>
#include <pgsplit/online/wait_for_position.hpp>
#include <pgsplit/online/write_lock.hpp>
#include <pgsplit/pg/conninfo.hpp>
#include <pgsplit/pg/snapshot.hpp>
#include <pgsplit/stamp/stamp_target.hpp>
#include <pgsplit/verify/verify_split.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace pgsplit::online {
namespace {

void require_streaming(const config::Mapping& mapping) {
  const auto status = read_status(mapping);
  for (const auto& target : status.targets) {
    if (target.subscription && target.worker_pid && target.slot && target.apply_errors == 0) {
      continue;
    }
    throw core::UsageError(
        fmt::format("target {} is not streaming (phase: {}): nothing was changed", target.target,
                    target.phase),
        target.phase == "not started" || target.phase == "copying"
            ? "run `pgsplit apply --online` first, and let it finish"
            : "see `pgsplit status` and the target server's log; `pgsplit cleanup` gives the "
              "online split up");
  }
}

void set_sequences(pg::Connection& locked, const config::Mapping& mapping,
                   const catalog::Catalog& catalog, const plan::Plan& plan, CutoverReport& report) {
  for (std::size_t index = 0; index < plan.targets.size(); ++index) {
    const auto values = copy::sequence_values(locked, catalog, plan.targets[index]);
    if (values.empty()) {
      continue;
    }
    core::record_write(pg::describe_conninfo(mapping.targets[index].url));
    auto target =
        pg::Connection::open(mapping.targets[index].url, {.application_name = "pgsplit cutover"});
    // One round trip per target: the writes are frozen while this runs. An error names the
    // target and its sequences (one statement cannot say which of them failed).
    std::string statements;
    std::vector<std::string> done;
    for (const auto& value : values) {
      statements += value.sql + ";\n";
      done.push_back(fmt::format("{}: {}", value.target, value.what));
    }
    core::with_context(fmt::format("target {}: setting sequences ({})", mapping.targets[index].name,
                                   fmt::join(done, ", ")),
                       [&] { target.exec(statements); });
    report.sequences.insert(report.sequences.end(), done.begin(), done.end());
  }
}

// A source session for verification, opened before the freeze so that its setup does not count.
pg::Connection open_verify_session(const config::Mapping& mapping) {
  auto session = pg::Connection::open(mapping.source.url,
                                      {.application_name = "pgsplit cutover", .read_only = true});
  pg::turn_off_inherited_timeouts(session);
  return session;
}

// `schema`: the comparison of each target's tables with the source's, which does not need the
// freeze and runs before it; otherwise rows (and checksums) and sequences, inside it.
verify::VerifyReport verify_frozen(pg::Connection& frozen, const config::Mapping& mapping,
                                   const catalog::Catalog& catalog, const plan::Plan& plan,
                                   const CutoverOptions& options, bool schema) {
  // A snapshot taken now (under the locks, for rows) sees the frozen source.
  frozen.exec(pg::consistent_read);
  return verify::verify_split(frozen, mapping, catalog, plan,
                              {.checksums = options.checksums,
                               .references = false,
                               .jobs = options.jobs,
                               .stamps = false,
                               .rows = !schema,
                               .schema = schema,
                               .sequences = !schema});
}

void finish_targets(const config::Mapping& mapping, CutoverReport& report) {
  std::vector<std::string> names;
  for (const auto& target : mapping.targets) {
    const auto name = replication_name(target.name);
    names.push_back(name);
    auto session = pg::Connection::open(target.url, {.application_name = "pgsplit cutover"});
    if (drop_subscription(session, name)) {
      report.dropped.push_back(fmt::format("subscription {} on target {}", name, target.name));
    }
    record_cutover(session, report.lsn, report.write_freeze_seconds);
    for (const auto& written : stamp::stamp_target(session, target).entries) {
      report.stamps.push_back(fmt::format("{}: {}", target.name, written.summary));
    }
  }
  auto source = pg::Connection::open(mapping.source.url, {.application_name = "pgsplit cutover"});
  CleanupReport dropped;
  drop_source_objects(source, names, dropped);
  report.dropped.insert(report.dropped.end(), dropped.dropped.begin(), dropped.dropped.end());
}

} // namespace

CutoverReport cutover(const config::Mapping& mapping, const catalog::Catalog& catalog,
                      const plan::Plan& plan, const CutoverOptions& options) {
  require_streaming(mapping);
  check_table_shapes(mapping, catalog, plan);
  CutoverReport report;
  {
    auto session = open_verify_session(mapping);
    report.verify = verify_frozen(session, mapping, catalog, plan, options, true);
  }
  if (!report.verify->ok()) {
    return report; // nothing was frozen
  }
  for (const auto& target : plan.targets) {
    report.targets.push_back(target.name);
  }
  auto frozen_session = open_verify_session(mapping);
  WriteLock lock(mapping.source.url, plan, options.lock_timeout);
  report.lsn = lock.position();
  wait_for_position(lock.session(), mapping, report.lsn, options.catch_up_timeout);
  set_sequences(lock.session(), mapping, catalog, plan, report);
  auto frozen = verify_frozen(frozen_session, mapping, catalog, plan, options, false);
  frozen.counted.schema_tables = report.verify->counted.schema_tables;
  report.verify = std::move(frozen);
  if (!report.verify->ok()) {
    report.write_freeze_seconds = lock.release();
    return report;
  }
  if (options.fence) {
    core::record_write("the source's write fence");
    install_fence(lock.session(), plan);
    report.fenced = true;
  }
  report.write_freeze_seconds = lock.commit();
  finish_targets(mapping, report);
  return report;
}

} // namespace pgsplit::online
