#pragma once

#include <pgsplit/config/mapping.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/facts.hpp>
#include <pgsplit/plan/plan.hpp>
#include <pgsplit/probe/source_identity.hpp>

namespace pgsplit::probe {

// Connects to one target, read-only, and reports what the preflight rules need: whether it is
// reachable (or only its database is missing), its version and encoding, whether we may
// create there, its extensions, whether it is the source itself, and which of the plan's
// tables already exist in it. Connection failures become facts; failing queries on an open
// connection throw core::SqlError.
plan::TargetFacts probe_target(const config::Target& target, const plan::Plan& plan,
                               const SourceIdentity& source);

// The roles of an existing target database's server as the plan's role rules read them (which
// may own objects, which may own schemas, whether pgsplit's role is a superuser): `verify`
// works out from them what `apply` carried.
plan::TargetFacts read_target_roles(pg::Connection& connection);

} // namespace pgsplit::probe
