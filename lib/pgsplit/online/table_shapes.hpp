#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/config/mapping.hpp>
#include <pgsplit/plan/plan.hpp>

// DDL on the source while targets stream is not replicated: a column added or changed there
// stops the subscription, or silently leaves a target behind. Cut-over refuses then.
namespace pgsplit::online {

// Compares each target table's columns (names and types) with its source table's as `catalog`
// read them; throws core::UsageError naming the first difference of each table.
void check_table_shapes(const config::Mapping& mapping, const catalog::Catalog& catalog,
                        const plan::Plan& plan);

} // namespace pgsplit::online
