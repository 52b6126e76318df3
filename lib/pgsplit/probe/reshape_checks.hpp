#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/facts.hpp>
#include <pgsplit/plan/plan.hpp>

#include <vector>

namespace pgsplit::probe {

// Asks the source whether every converted column of a reshaped table (`columns:` with `type`,
// `key: uuid` and the references that follow it) can be computed on every row the copy reads,
// as the copy will, in the caller's read-only transaction: a failing or writing expression is
// found here. One FilterCheck per reshaped placement with converted columns, in plan order,
// `error` empty when they all hold.
std::vector<plan::FilterCheck> check_reshaping(pg::Connection& source, const plan::Plan& plan,
                                               const catalog::Catalog& catalog);

} // namespace pgsplit::probe
