#pragma once

#include <pgsplit/catalog/model.hpp>

#include <vector>

// Internal to the catalog loader: the rules applied once everything is read. Pure functions on
// the model, unit-tested without a server.
namespace pgsplit::catalog::detail {

// The edges whose dependent is an object of `catalog`. A sequence that depends on a table (it
// is owned by one of its columns: serial, identity, OWNED BY) becomes table → sequence, since
// the table needs its sequence. Self-edges and duplicates are dropped; the result is sorted.
std::vector<Dependency> normalise_dependencies(std::vector<Dependency> edges,
                                               const Catalog& catalog);

// Sorts every list by (schema, name), or by name within a table or type, so that the same
// database always gives the same catalog. Columns stay in attnum order, enum labels in sort
// order, composite attributes in position order, dependencies by (dependent, referenced).
void sort_catalog(Catalog& catalog);

} // namespace pgsplit::catalog::detail
