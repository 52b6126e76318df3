#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/config/mapping.hpp>
#include <pgsplit/plan/facts.hpp>
#include <pgsplit/plan/plan.hpp>

// The planner: pure functions, no I/O. `pgsplit plan` runs build_plan on the catalog read from
// the source, probes the servers (lib/pgsplit/probe) for the tables it placed, then
// check_preflight with what the probes found.
namespace pgsplit::plan {

// Rules 1–6 of docs/mapping.md: placement of every table, cross-target foreign keys, and the
// closure of what each target needs. Problems are findings in the plan, not exceptions. The
// connection descriptions are left to probe::describe_connections (it parses URLs with libpq).
Plan build_plan(const config::Mapping& mapping, const catalog::Catalog& catalog);

// Rule 7: target reachability, versions, encodings, extensions, privileges, tables already
// holding rows, `schema: existing` columns; source sessions; row filters; stamps.
void check_preflight(Plan& plan, const config::Mapping& mapping, const catalog::Catalog& catalog,
                     const Facts& facts);

} // namespace pgsplit::plan
