#pragma once

#include <pgsplit/config/mapping.hpp>
#include <pgsplit/online/replication_slot.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/plan.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

// `apply --online` around the copy: before it, each target's publication and slot (in that
// order: pgoutput reads publications as of the slot's position, so one made later would be
// unknown to it); after it, each target's subscription, then the wait until every target has
// applied what the source wrote meanwhile.
namespace pgsplit::online {

class ReplicationStart {
public:
  // Per target of `plan` but those `kept` (subscribed by an earlier run), in order: REPLICA
  // IDENTITY FULL where the mapping opts in, the publication, then the slot and its exported
  // snapshot.
  static ReplicationStart begin(const config::Mapping& mapping, const plan::Plan& plan,
                                const std::set<std::string>& kept = {});

  // Target name → the snapshot its tables must be copied in (valid while this object lives).
  std::map<std::string, std::string> snapshots() const;
  // Once the copy is over the snapshots are no longer needed: the replication connections
  // close, so that the slots can be streamed from.
  void release() { slots_.clear(); }

private:
  std::vector<std::pair<std::string, SlotSnapshot>> slots_; // target name, slot
};

// After the copy: CREATE SUBSCRIPTION on every target but those `kept`, each on its own slot.
void subscribe_targets(const config::Mapping& mapping, const std::set<std::string>& kept = {});

// Waits until every target's subscription has confirmed the source's WAL position as of the
// call: each target then streams, caught up. Throws core::Error when a subscription reports
// errors (their text is in the target server's log) or is not running.
void wait_until_streaming(const config::Mapping& mapping);

} // namespace pgsplit::online
