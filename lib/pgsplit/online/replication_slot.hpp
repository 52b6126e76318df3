#pragma once

#include <pgsplit/pg/connection.hpp>

#include <string>

// A logical replication slot created with the snapshot it starts from: the copy reads in that
// snapshot, and the slot streams every change committed after it, so nothing is lost or applied
// twice. A snapshot taken apart from the slot (pg_export_snapshot, pg_current_wal_lsn) would not
// line up with it.
namespace pgsplit::online {

class SlotSnapshot {
public:
  // CREATE_REPLICATION_SLOT `slot` LOGICAL pgoutput (SNAPSHOT 'export') on a replication
  // connection to `source_url`.
  static SlotSnapshot create(const std::string& source_url, const std::string& slot);

  const std::string& slot() const { return slot_; }
  // Valid while this object lives: the replication connection stays open and idle.
  const std::string& snapshot() const { return snapshot_; }
  const std::string& consistent_point() const { return consistent_point_; }

private:
  SlotSnapshot(pg::Connection connection, std::string slot, std::string snapshot,
               std::string consistent_point);

  pg::Connection connection_;
  std::string slot_;
  std::string snapshot_;
  std::string consistent_point_;
};

} // namespace pgsplit::online
