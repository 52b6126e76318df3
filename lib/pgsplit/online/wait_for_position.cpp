#include <pgsplit/core/error.hpp>
#include <pgsplit/online/names.hpp>
#include <pgsplit/online/wait_for_position.hpp>

#include <fmt/format.h>

#include <map>
#include <thread>

namespace pgsplit::online {
namespace {

// Apply and sync errors counted by each target's subscription; an apply worker that fails
// restarts and fails again, so the count, not the worker's presence, tells.
void check_health(std::map<std::string, pg::Connection>& targets) {
  for (auto& [target, session] : targets) {
    const auto errors = session.exec(
        "SELECT coalesce(sum(apply_error_count + sync_error_count), 0)::bigint AS errors "
        "FROM pg_stat_subscription_stats WHERE subname = $1",
        {replication_name(target)});
    if (errors.int64(0, "errors") > 0) {
      throw core::Error(
          fmt::format("the subscription {} of target {} failed to apply changes ({} error(s))",
                      replication_name(target), target, errors.int64(0, "errors")),
          "its reason is in the target server's log (often a row changed on the target, or DDL "
          "on the source); fix it, then `pgsplit status`; `pgsplit cleanup` gives the online "
          "split up");
    }
  }
}

// A slot no walsender reads: its subscription cannot reach the source (a wrong
// replication_url as the target's server sees it, pg_hba, a password) or is disabled. Such
// failures happen before the subscription's error counters, so the slot tells.
class IdleSlots {
public:
  void check(const pg::Result& behind) {
    const auto now = std::chrono::steady_clock::now();
    for (int row = 0; row < behind.rows(); ++row) {
      const auto name = behind.text(row, "name");
      if (behind.text(row, "active") == "t") {
        idle_since_.erase(name);
        continue;
      }
      const auto since = idle_since_.try_emplace(name, now).first->second;
      if (now - since > limit) {
        throw core::Error(
            fmt::format("no subscription has read the replication slot {} for {} s", name,
                        std::chrono::duration_cast<std::chrono::seconds>(limit).count()),
            "its target's server cannot reach the source, or the subscription is disabled: see "
            "that server's log, and source.replication_url (the source as the target's server "
            "reaches it)");
      }
    }
  }

private:
  static constexpr std::chrono::seconds limit{60};
  std::map<std::string, std::chrono::steady_clock::time_point> idle_since_;
};

void require_slots(pg::Connection& source, const std::string& names) {
  const auto missing = source.exec("SELECT n AS name FROM unnest($1::text[]) n "
                                   "WHERE n NOT IN (SELECT slot_name FROM pg_replication_slots)",
                                   {names});
  if (missing.rows() > 0) {
    throw core::Error(fmt::format("the source has no replication slot {}", missing.text(0, "name")),
                      "the online split lost its stream: `pgsplit cleanup`, then split again");
  }
}

} // namespace

void wait_for_position(pg::Connection& source, const config::Mapping& mapping,
                       const std::string& position,
                       std::optional<std::chrono::milliseconds> timeout) {
  const auto names = replication_names_array(mapping);
  std::map<std::string, pg::Connection> targets;
  for (const auto& target : mapping.targets) {
    targets.emplace(target.name, pg::Connection::open(target.url, {.application_name = "pgsplit",
                                                                   .read_only = true}));
  }
  IdleSlots idle;
  const auto started = std::chrono::steady_clock::now();
  for (;;) {
    require_slots(source, names);
    const auto behind =
        source.exec("SELECT slot_name::text AS name, active FROM pg_replication_slots "
                    "WHERE slot_name = ANY($1::text[]) "
                    "  AND (confirmed_flush_lsn IS NULL OR confirmed_flush_lsn < $2::pg_lsn)",
                    {names, position});
    if (behind.rows() == 0) {
      return;
    }
    check_health(targets);
    idle.check(behind);
    if (timeout && std::chrono::steady_clock::now() - started > *timeout) {
      throw core::Error(
          fmt::format("the targets did not reach the source's position {} in time (slot {} is "
                      "behind)",
                      position, behind.text(0, "name")),
          "see `pgsplit status`; try again when the lag is small");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20)); // the next look at the slots
  }
}

} // namespace pgsplit::online
