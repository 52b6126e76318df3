#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/facts.hpp>
#include <pgsplit/plan/plan.hpp>

#include <vector>

namespace pgsplit::probe {

// Asks the source whether it accepts every row filter of the plan: one FilterCheck per
// placement with a `where`, in plan order, `error` empty when the filter is valid. Runs in the
// caller's read-only transaction, which stays usable whatever the filters hold.
std::vector<plan::FilterCheck> check_filters(pg::Connection& source, const plan::Plan& plan,
                                             const catalog::Catalog& catalog);

} // namespace pgsplit::probe
