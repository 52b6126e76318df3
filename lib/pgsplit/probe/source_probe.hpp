#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/facts.hpp>
#include <pgsplit/plan/plan.hpp>

namespace pgsplit::probe {

// What the preflight needs to know about the source: who else is connected, and whether the
// row filters are valid and cover their tables. Runs inside the caller's open REPEATABLE READ
// READ ONLY transaction, which stays usable afterwards (failing filters run in savepoints).
plan::SourceFacts probe_source(pg::Connection& source, const plan::Plan& plan,
                               const catalog::Catalog& catalog);

} // namespace pgsplit::probe
