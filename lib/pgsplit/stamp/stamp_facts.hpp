#pragma once

#include <pgsplit/config/mapping.hpp>
#include <pgsplit/plan/facts.hpp>
#include <pgsplit/stamp/stamp_request.hpp>

#include <vector>

// The bridge from the mapping's `stamp:` entries to stamp plans, for `plan` (what will be
// stamped, or what is wrong) and for `apply`/`stamp` (what to write).
namespace pgsplit::stamp {

// The request for one entry of a target's `stamp:` list (not for `sql:` entries).
StampRequest request_for(const config::StampEntry& entry);

// Reads every target's migration folders: per target, one summary per stamp entry, or the
// problems found (missing folder, unparsable file, several alembic heads, …).
std::vector<plan::StampFacts> stamp_facts(const config::Mapping& mapping);

} // namespace pgsplit::stamp
