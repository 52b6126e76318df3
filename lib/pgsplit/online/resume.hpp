#pragma once

#include <pgsplit/config/mapping.hpp>

#include <set>
#include <string>
#include <vector>

// `apply --resume --online`: an interrupted online apply, made ready to go on. A target whose
// subscription exists was copied whole before it was subscribed: it is kept as it is. Every
// other target starts over, because the snapshot its tables were copied in died with the run
// and no new slot can line up with it: its slot and publication on the source are dropped,
// and its copied tables are marked to be copied again (in the new slot's snapshot). Its schema
// stays, and so do indexes already built.
namespace pgsplit::online {

struct ResumePoint {
  std::set<std::string> kept;         // targets already subscribed
  std::vector<std::string> restarted; // targets copied again from a new slot
  std::vector<std::string> dropped;   // "replication slot pgsplit_x on the source"
};

ResumePoint restart_unsubscribed(const config::Mapping& mapping);

} // namespace pgsplit::online
