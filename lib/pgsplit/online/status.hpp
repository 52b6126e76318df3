#pragma once

#include <pgsplit/config/mapping.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// `pgsplit status`: where each target of an online split stands, read from the replication
// objects themselves (source slots and publications, target subscriptions) and the cut-over
// record in the target, so that it works from any machine, during or long after `apply`.
namespace pgsplit::online {

struct TargetStatus {
  std::string target;
  std::string name;  // publication, slot and subscription (names.hpp)
  std::string phase; // not started | copying | catching up | streaming | stopped | cut over
  bool publication = false;
  bool slot = false;
  bool slot_active = false;                       // a subscription's walsender reads it
  std::optional<std::int64_t> lag_bytes;          // source WAL not yet confirmed by the target
  std::optional<double> lag_seconds;              // replay_lag of the slot's walsender
  std::optional<std::int64_t> retained_wal_bytes; // WAL the slot keeps on the source
  bool subscription = false;
  bool subscription_enabled = false;
  std::optional<int> worker_pid;          // the target's apply worker, while it runs
  std::int64_t apply_errors = 0;          // pg_stat_subscription_stats: apply and sync errors
  std::string target_error;               // the target could not be read (why)
  std::optional<std::string> cutover_lsn; // set once `cutover` finished for this target
};

struct StatusReport {
  std::string source_lsn; // pg_current_wal_lsn() when read
  std::vector<TargetStatus> targets;
  std::vector<std::string> warnings;
  bool all_streaming() const;
};

struct StatusOptions {
  std::int64_t streaming_lag_bytes = 16LL << 20; // more lag than this is "catching up"
  std::int64_t retained_wal_warning = 1LL << 30; // warn past this much retained WAL
};

StatusReport read_status(const config::Mapping& mapping, const StatusOptions& options = {});

std::string render_status_text(const StatusReport& report);
std::string render_status_json(const StatusReport& report);
std::string render_status_markdown(const StatusReport& report);

} // namespace pgsplit::online
