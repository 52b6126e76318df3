#include <pgsplit/catalog/dependency_graph.hpp>

namespace pgsplit::catalog {

DependencyGraph dependency_graph(const Catalog& catalog) {
  DependencyGraph graph;
  for (const auto& dependency : catalog.dependencies) {
    graph[dependency.dependent].push_back(dependency.referenced);
  }
  return graph;
}

} // namespace pgsplit::catalog
