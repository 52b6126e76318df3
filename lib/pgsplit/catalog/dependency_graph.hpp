#pragma once

#include <pgsplit/catalog/model.hpp>

#include <map>
#include <vector>

namespace pgsplit::catalog {

// For each object, what it needs (Catalog::dependencies indexed by dependent).
using DependencyGraph = std::map<ObjectRef, std::vector<ObjectRef>>;

DependencyGraph dependency_graph(const Catalog& catalog);

} // namespace pgsplit::catalog
