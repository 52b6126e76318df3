#include <pgsplit/core/error.hpp>
#include <pgsplit/core/run_record.hpp>
#include <pgsplit/online/names.hpp>
#include <pgsplit/online/publications.hpp>
#include <pgsplit/online/status.hpp>
#include <pgsplit/online/stream.hpp>
#include <pgsplit/online/subscription.hpp>
#include <pgsplit/online/wait_for_position.hpp>
#include <pgsplit/pg/conninfo.hpp>

#include <fmt/format.h>

namespace pgsplit::online {

ReplicationStart ReplicationStart::begin(const config::Mapping& mapping, const plan::Plan& plan,
                                         const std::set<std::string>& kept) {
  ReplicationStart start;
  auto source =
      pg::Connection::open(mapping.source.url, {.application_name = "pgsplit apply --online"});
  for (const auto& target : plan.targets) {
    if (kept.contains(target.name)) {
      continue;
    }
    const auto name = replication_name(target.name);
    core::record_write(fmt::format("publication {} on the source", name));
    for (const auto& statement : replica_identity_statements(source, target)) {
      source.exec(statement);
    }
    source.exec(publication_sql(target));
    start.slots_.emplace_back(target.name, SlotSnapshot::create(mapping.source.url, name));
  }
  return start;
}

std::map<std::string, std::string> ReplicationStart::snapshots() const {
  std::map<std::string, std::string> snapshots;
  for (const auto& [target, slot] : slots_) {
    snapshots.emplace(target, slot.snapshot());
  }
  return snapshots;
}

void subscribe_targets(const config::Mapping& mapping, const std::set<std::string>& kept) {
  const auto& conninfo =
      mapping.source.replication_url.empty() ? mapping.source.url : mapping.source.replication_url;
  for (const auto& target : mapping.targets) {
    if (kept.contains(target.name)) {
      continue;
    }
    core::record_write(pg::describe_conninfo(target.url));
    auto session = pg::Connection::open(target.url, {.application_name = "pgsplit apply --online"});
    create_subscription(session, replication_name(target.name), conninfo);
  }
}

void wait_until_streaming(const config::Mapping& mapping) {
  auto source =
      pg::Connection::open(mapping.source.url, {.application_name = "pgsplit apply --online"});
  const auto position = source.exec("SELECT pg_current_wal_lsn()::text AS lsn").text(0, "lsn");
  wait_for_position(source, mapping, position, {});
}

} // namespace pgsplit::online
