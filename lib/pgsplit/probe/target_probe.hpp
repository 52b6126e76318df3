#pragma once

#include <pgsplit/config/mapping.hpp>
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

} // namespace pgsplit::probe
