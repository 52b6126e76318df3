#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/config/mapping.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/facts.hpp>
#include <pgsplit/plan/plan.hpp>
#include <pgsplit/probe/source_identity.hpp>
#include <pgsplit/probe/source_probe.hpp>
#include <pgsplit/probe/target_probe.hpp>

// The read-only preflight: everything the plan's preflight rules need to know about the
// servers, gathered without writing anything anywhere. Every session opened here is
// read-only; the source is probed through the caller's own read-only transaction.
namespace pgsplit::probe {

// The source first (so that our own target sessions are not counted as other sessions), then
// every target of the mapping in file order. `Facts.stamps` is left empty: stamps are
// computed from migration folders, not probed.
// Fills the plan's connection descriptions (source and targets, without password) from the
// mapping's URLs: the planner itself never parses a connection string.
void describe_connections(plan::Plan& plan, const config::Mapping& mapping);

plan::Facts probe_all(pg::Connection& source, const config::Mapping& mapping,
                      const plan::Plan& plan, const catalog::Catalog& catalog);

} // namespace pgsplit::probe
