#include <pgsplit/core/error.hpp>
#include <pgsplit/core/run_record.hpp>
#include <pgsplit/online/cleanup.hpp>
#include <pgsplit/online/names.hpp>
#include <pgsplit/online/subscription.hpp>
#include <pgsplit/pg/conninfo.hpp>
#include <pgsplit/pg/maintenance.hpp>

#include <fmt/format.h>

#include <chrono>
#include <thread>

namespace pgsplit::online {
namespace {

void drop_subscriptions(const config::Mapping& mapping, CleanupReport& report) {
  for (const auto& target : mapping.targets) {
    const auto name = replication_name(target.name);
    const pg::ConnectOptions options{.application_name = "pgsplit cleanup"};
    std::optional<pg::Connection> session;
    try {
      session.emplace(pg::Connection::open(target.url, options));
    } catch (const core::ConnectionError& error) {
      if (pg::database_exists(target.url, options) == false) {
        continue; // no database, no subscription
      }
      report.problems.push_back(fmt::format(
          "target {}: {}; if it holds the subscription {}, drop it there: ALTER SUBSCRIPTION {} "
          "DISABLE; ALTER SUBSCRIPTION {} SET (slot_name = NONE); DROP SUBSCRIPTION {}",
          target.name, error.what(), name, name, name, name));
      continue;
    }
    core::record_write(pg::describe_conninfo(target.url));
    if (drop_subscription(*session, name)) {
      report.dropped.push_back(fmt::format("subscription {} on target {}", name, target.name));
    }
  }
}

// A slot still read by a walsender (a subscription that could not be dropped, or whose drop
// has not reached the source yet) cannot be dropped: its walsender is ended, and the slot
// dropped once it is free.
void drop_slot(pg::Connection& source, const std::string& name) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (;;) {
    const auto slot =
        source.exec("SELECT active_pid FROM pg_replication_slots WHERE slot_name = $1", {name});
    if (slot.rows() == 0) {
      return;
    }
    if (slot.is_null(0, 0)) {
      source.exec("SELECT pg_drop_replication_slot($1)", {name});
      return;
    }
    source.exec("SELECT pg_terminate_backend($1::int)", {slot.text(0, "active_pid")});
    if (std::chrono::steady_clock::now() > deadline) {
      throw core::Error(fmt::format("the replication slot {} stays in use", name),
                        "find its reader in pg_stat_replication, stop it, run cleanup again");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50)); // until its walsender is gone
  }
}

} // namespace

void drop_source_objects(pg::Connection& source, const std::vector<std::string>& names,
                         CleanupReport& report) {
  for (const auto& name : names) {
    if (source.exec("SELECT FROM pg_replication_slots WHERE slot_name = $1", {name}).rows() > 0) {
      core::record_write("the source's replication slots");
      drop_slot(source, name);
      report.dropped.push_back(fmt::format("replication slot {} on the source", name));
    }
    if (source.exec("SELECT FROM pg_publication WHERE pubname = $1", {name}).rows() > 0) {
      core::record_write("the source's publications");
      source.exec("DROP PUBLICATION IF EXISTS " + source.quote_ident(name));
      report.dropped.push_back(fmt::format("publication {} on the source", name));
    }
  }
}

CleanupReport cleanup(const config::Mapping& mapping, bool fence) {
  CleanupReport report;
  drop_subscriptions(mapping, report);
  auto source = pg::Connection::open(mapping.source.url, {.application_name = "pgsplit cleanup"});
  std::vector<std::string> names;
  for (const auto& target : mapping.targets) {
    names.push_back(replication_name(target.name));
  }
  drop_source_objects(source, names, report);
  if (fence &&
      source.exec("SELECT FROM pg_namespace WHERE nspname = $1", {std::string(fence_schema)})
              .rows() > 0) {
    core::record_write("the source's write fence");
    source.exec(fmt::format("DROP SCHEMA {} CASCADE", source.quote_ident(fence_schema)));
    report.dropped.push_back(
        fmt::format("the write fence (schema {} and its triggers) on the source", fence_schema));
  }
  return report;
}

} // namespace pgsplit::online
