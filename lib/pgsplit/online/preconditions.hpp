#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/config/mapping.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/plan.hpp>

// What `plan --online` and `apply --online` check before anything is written, added to the
// plan's findings (errors refuse the run, exit 2): the source can publish and stream every
// mapped table, each target server can subscribe, and no replication object of an earlier run
// is in the way. docs/online.md lists each rule and its fix.
namespace pgsplit::online {

// `source` is the planning session (read-only, in the catalog's snapshot). With `resume`
// (`apply --resume --online`), the replication objects of the earlier run are expected, not
// in the way, and a target already subscribed needs no new replication worker.
void check_online(pg::Connection& source, const config::Mapping& mapping,
                  const catalog::Catalog& catalog, plan::Plan& plan, bool resume = false);

} // namespace pgsplit::online
