#include <pgsplit/core/run_record.hpp>
#include <pgsplit/online/replication_slot.hpp>
#include <pgsplit/pg/conninfo.hpp>
#include <pgsplit/pg/quote.hpp>

#include <fmt/format.h>

namespace pgsplit::online {

SlotSnapshot::SlotSnapshot(pg::Connection connection, std::string slot, std::string snapshot,
                           std::string consistent_point)
    : connection_(std::move(connection)), slot_(std::move(slot)), snapshot_(std::move(snapshot)),
      consistent_point_(std::move(consistent_point)) {}

SlotSnapshot SlotSnapshot::create(const std::string& source_url, const std::string& slot) {
  auto connection = pg::Connection::open(
      source_url, {.application_name = "pgsplit apply --online", .replication = true});
  core::record_write(fmt::format("replication slot {} on the source", slot));
  auto created = connection.exec(fmt::format(
      "CREATE_REPLICATION_SLOT {} LOGICAL pgoutput (SNAPSHOT 'export')", pg::quote_ident(slot)));
  return SlotSnapshot(std::move(connection), slot, created.text(0, "snapshot_name"),
                      created.text(0, "consistent_point"));
}

} // namespace pgsplit::online
