#include <pgsplit/copy/state_table.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/core/run_record.hpp>
#include <pgsplit/online/cleanup.hpp>
#include <pgsplit/online/names.hpp>
#include <pgsplit/online/resume.hpp>
#include <pgsplit/online/status.hpp>
#include <pgsplit/pg/conninfo.hpp>
#include <pgsplit/pg/maintenance.hpp>

#include <fmt/format.h>

namespace pgsplit::online {
namespace {

// The target's copied tables are to be copied again; a target whose database was never made
// holds nothing to forget.
void forget_target_copies(const config::Target& target) {
  const pg::ConnectOptions options{.application_name = "pgsplit apply --online"};
  std::optional<pg::Connection> session;
  try {
    session.emplace(pg::Connection::open(target.url, options));
  } catch (const core::ConnectionError&) {
    if (pg::database_exists(target.url, options) == false) {
      return;
    }
    throw;
  }
  core::record_write(pg::describe_conninfo(target.url));
  copy::forget_copies(*session);
}

// Checked for every target before anything is written: a target without a subscription is
// restarted (its tables truncated and copied again), which must never happen to one that is
// cut over (its applications write there now) nor to one whose state could not be read (it may
// be subscribed and streaming).
void refuse_unsafe_restarts(const config::Mapping& mapping, const StatusReport& status) {
  for (std::size_t index = 0; index < mapping.targets.size(); ++index) {
    const auto& target = mapping.targets[index];
    const auto& state = status.targets[index];
    if (state.cutover_lsn || state.phase == "cut over") {
      throw core::UsageError(
          fmt::format("target {} is cut over already: apply --online --resume would copy its "
                      "tables again over what its applications wrote since",
                      target.name),
          "leave the cut-over targets out of the mapping to resume the others, or run "
          "pgsplit cleanup if the split is over");
    }
    if (!state.target_error.empty()) {
      throw core::UsageError(
          fmt::format("cannot read the replication state of target {} ({}): resume must know "
                      "whether it is subscribed before restarting it",
                      target.name, state.target_error),
          "make the target reachable, then run apply --online --resume again");
    }
  }
}

} // namespace

ResumePoint restart_unsubscribed(const config::Mapping& mapping) {
  ResumePoint point;
  std::vector<std::string> names;
  const auto status = read_status(mapping);
  refuse_unsafe_restarts(mapping, status);
  for (std::size_t index = 0; index < mapping.targets.size(); ++index) {
    const auto& target = mapping.targets[index];
    if (status.targets[index].subscription) {
      point.kept.insert(target.name);
      continue;
    }
    point.restarted.push_back(target.name);
    names.push_back(replication_name(target.name));
    forget_target_copies(target);
  }
  auto source =
      pg::Connection::open(mapping.source.url, {.application_name = "pgsplit apply --online"});
  CleanupReport dropped;
  drop_source_objects(source, names, dropped);
  point.dropped = std::move(dropped.dropped);
  return point;
}

} // namespace pgsplit::online
