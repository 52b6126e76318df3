#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/facts.hpp>

#include <vector>

namespace pgsplit::probe {

// The tables among `names` that already exist in the database `target` is connected to, with
// their columns and whether they hold rows: two queries whatever the number of tables.
std::vector<plan::ExistingTable>
read_existing_tables(pg::Connection& target, const std::vector<catalog::QualifiedName>& names);

} // namespace pgsplit::probe
