#pragma once

#include <pgsplit/config/mapping.hpp>
#include <pgsplit/pg/connection.hpp>

#include <string>
#include <vector>

// `pgsplit cleanup`: drops every replication object online mode created for the mapping's
// targets (subscriptions on the targets, slots and publications on the source; the write
// fence only when asked) and nothing else. Copied data stays. Idempotent: what is already gone
// is skipped, so it finishes whatever state a failed or interrupted run left.
namespace pgsplit::online {

struct CleanupReport {
  std::vector<std::string> dropped;  // "subscription pgsplit_auth on target auth"
  std::vector<std::string> problems; // what could not be dropped, and what to do
};

CleanupReport cleanup(const config::Mapping& mapping, bool fence);

// The source side alone (slots, publications), also used by `cutover` once the targets'
// subscriptions are gone. Appends to `report`.
void drop_source_objects(pg::Connection& source, const std::vector<std::string>& names,
                         CleanupReport& report);

} // namespace pgsplit::online
