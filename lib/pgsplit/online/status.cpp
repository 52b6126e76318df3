#include <pgsplit/core/byte_size.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/online/cutover_record.hpp>
#include <pgsplit/online/names.hpp>
#include <pgsplit/online/status.hpp>
#include <pgsplit/pg/connection.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace pgsplit::online {
namespace {

// The slots, publications and walsenders of every target, in one query each.
void read_source_side(pg::Connection& source, const std::string& names, StatusReport& report) {
  report.source_lsn = source.exec("SELECT pg_current_wal_lsn()::text AS lsn").text(0, "lsn");
  const auto slots = source.exec(
      "SELECT slot_name, active, "
      "       pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint AS lag, "
      "       pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint AS retained "
      "FROM pg_replication_slots WHERE slot_name = ANY($1::text[])",
      {names});
  const auto publications =
      source.exec("SELECT pubname FROM pg_publication WHERE pubname = ANY($1::text[])", {names});
  const auto senders =
      source.exec("SELECT application_name, extract(epoch FROM replay_lag)::float8 AS seconds "
                  "FROM pg_stat_replication WHERE application_name = ANY($1::text[])",
                  {names});
  for (auto& target : report.targets) {
    for (int row = 0; row < slots.rows(); ++row) {
      if (slots.text(row, "slot_name") == target.name) {
        target.slot = true;
        target.slot_active = slots.text(row, "active") == "t";
        if (!slots.is_null(row, 2)) {
          target.lag_bytes = std::max<std::int64_t>(0, slots.int64(row, "lag"));
        }
        if (!slots.is_null(row, 3)) {
          target.retained_wal_bytes = slots.int64(row, "retained");
        }
      }
    }
    for (int row = 0; row < publications.rows(); ++row) {
      target.publication = target.publication || publications.text(row, "pubname") == target.name;
    }
    for (int row = 0; row < senders.rows(); ++row) {
      if (senders.text(row, "application_name") == target.name && !senders.is_null(row, 1)) {
        target.lag_seconds = std::stod(senders.text(row, "seconds"));
      }
    }
  }
}

void read_target_side(const config::Target& mapped, TargetStatus& target) {
  std::optional<pg::Connection> session;
  try {
    session.emplace(pg::Connection::open(
        mapped.url, {.application_name = "pgsplit status", .read_only = true}));
  } catch (const core::ConnectionError& error) {
    target.target_error = error.what();
    return;
  }
  const auto subscription =
      session->exec("SELECT s.subenabled, w.pid, "
                    "       coalesce(t.apply_error_count + t.sync_error_count, 0) AS errors "
                    "FROM pg_subscription s "
                    "LEFT JOIN pg_stat_subscription w ON w.subid = s.oid AND w.relid IS NULL "
                    "LEFT JOIN pg_stat_subscription_stats t ON t.subid = s.oid "
                    "WHERE s.subname = $1 AND s.subdbid = (SELECT oid FROM pg_database "
                    "                                      WHERE datname = current_database())",
                    {target.name});
  if (subscription.rows() > 0) {
    target.subscription = true;
    target.subscription_enabled = subscription.text(0, "subenabled") == "t";
    if (!subscription.is_null(0, 1)) {
      target.worker_pid = static_cast<int>(subscription.int64(0, "pid"));
    }
    target.apply_errors = subscription.int64(0, "errors");
  }
  target.cutover_lsn = read_cutover_lsn(*session);
}

std::string phase_of(const TargetStatus& target, const StatusOptions& options) {
  if (target.cutover_lsn && !target.subscription && !target.slot) {
    return "cut over";
  }
  if (target.subscription) {
    if (!target.worker_pid) {
      return "stopped";
    }
    const bool behind = !target.lag_bytes || *target.lag_bytes > options.streaming_lag_bytes;
    return behind ? "catching up" : "streaming";
  }
  if (target.slot || target.publication) {
    return "copying";
  }
  return "not started";
}

} // namespace

bool StatusReport::all_streaming() const {
  return std::all_of(targets.begin(), targets.end(),
                     [](const TargetStatus& target) { return target.phase == "streaming"; });
}

StatusReport read_status(const config::Mapping& mapping, const StatusOptions& options) {
  StatusReport report;
  for (const auto& target : mapping.targets) {
    report.targets.push_back({.target = target.name, .name = replication_name(target.name)});
  }
  auto source = pg::Connection::open(mapping.source.url,
                                     {.application_name = "pgsplit status", .read_only = true});
  read_source_side(source, replication_names_array(mapping), report);
  for (std::size_t index = 0; index < report.targets.size(); ++index) {
    auto& target = report.targets[index];
    read_target_side(mapping.targets[index], target);
    target.phase = phase_of(target, options);
    if (target.retained_wal_bytes && *target.retained_wal_bytes > options.retained_wal_warning) {
      report.warnings.push_back(fmt::format(
          "slot {} of target {} retains {} of WAL on the source: finish with `pgsplit cutover`, "
          "or `pgsplit cleanup` to give the online split up",
          target.name, target.target, core::format_bytes(*target.retained_wal_bytes)));
    }
    if (target.phase == "stopped") {
      report.warnings.push_back(fmt::format(
          "the subscription {} of target {} is not running ({} error(s) counted): its reason is "
          "in the target server's log",
          target.name, target.target, target.apply_errors));
    }
    if (!target.target_error.empty()) {
      report.warnings.push_back(
          fmt::format("target {} could not be read: {}", target.target, target.target_error));
    }
  }
  return report;
}

std::string render_status_text(const StatusReport& report) {
  std::string text = fmt::format("source WAL position {}\n\n", report.source_lsn);
  text += fmt::format("{:<20} {:<12} {:>12} {:>9} {:>14} {}\n", "target", "phase", "lag", "lag (s)",
                      "WAL retained", "subscription worker");
  for (const auto& target : report.targets) {
    const auto bytes = [](const std::optional<std::int64_t>& value) {
      return value ? core::format_bytes(*value) : std::string("-");
    };
    const std::string seconds =
        target.lag_seconds ? fmt::format("{:.1f}", *target.lag_seconds) : std::string("-");
    std::string worker = "-";
    if (target.subscription) {
      worker = target.worker_pid
                   ? fmt::format("running (pid {})", *target.worker_pid)
                   : std::string(target.subscription_enabled ? "not running" : "disabled");
      if (target.apply_errors > 0) {
        worker += fmt::format(", {} error(s)", target.apply_errors);
      }
    }
    text += fmt::format("{:<20} {:<12} {:>12} {:>9} {:>14} {}\n", target.target, target.phase,
                        bytes(target.lag_bytes), seconds, bytes(target.retained_wal_bytes), worker);
  }
  for (const auto& warning : report.warnings) {
    text += fmt::format("warning: {}\n", warning);
  }
  return text;
}

std::string render_status_json(const StatusReport& report) {
  nlohmann::ordered_json json;
  json["source_lsn"] = report.source_lsn;
  json["all_streaming"] = report.all_streaming();
  json["targets"] = nlohmann::ordered_json::array();
  const auto optional = [](const auto& value) {
    return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
  };
  for (const auto& target : report.targets) {
    json["targets"].push_back({{"target", target.target},
                               {"phase", target.phase},
                               {"replication_name", target.name},
                               {"publication", target.publication},
                               {"slot", target.slot},
                               {"slot_active", target.slot_active},
                               {"lag_bytes", optional(target.lag_bytes)},
                               {"lag_seconds", optional(target.lag_seconds)},
                               {"retained_wal_bytes", optional(target.retained_wal_bytes)},
                               {"subscription", target.subscription},
                               {"subscription_enabled", target.subscription_enabled},
                               {"worker_pid", optional(target.worker_pid)},
                               {"apply_errors", target.apply_errors},
                               {"cutover_lsn", optional(target.cutover_lsn)},
                               {"error", target.target_error}});
  }
  json["warnings"] = report.warnings;
  return json.dump(2) + "\n";
}

} // namespace pgsplit::online
