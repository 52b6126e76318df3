#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/facts.hpp>
#include <pgsplit/plan/plan.hpp>

#include <vector>

namespace pgsplit::probe {

// For every foreign key the plan recreates inside a target whose parent has a `where` there and
// whose child has none or another one: how many child rows (after the child's own filter, key
// columns all set) reference a parent row that the parent's filter leaves out. Adding the key
// after the copy would fail on them. One query per key, in the caller's read-only snapshot;
// keys whose filters were refused in `checks` are skipped (the refusal is already reported).
std::vector<plan::FilteredReference>
count_filtered_references(pg::Connection& source, const plan::Plan& plan,
                          const catalog::Catalog& catalog,
                          const std::vector<plan::FilterCheck>& checks);

} // namespace pgsplit::probe
