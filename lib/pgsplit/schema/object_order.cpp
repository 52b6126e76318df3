#include <pgsplit/catalog/dependency_graph.hpp>
#include <pgsplit/schema/ddl_steps.hpp>

#include <functional>
#include <map>
#include <set>

namespace pgsplit::schema::detail {
namespace {

using catalog::ObjectKind;
using catalog::ObjectRef;
using Graph = catalog::DependencyGraph; // dependent → what it needs
using catalog::dependency_graph;

bool needs_kind(const Graph& graph, const ObjectRef& object, ObjectKind kind) {
  const auto found = graph.find(object);
  if (found == graph.end()) {
    return false;
  }
  for (const auto& referenced : found->second) {
    if (referenced.kind == kind) {
      return true;
    }
  }
  return false;
}

// Functions that cannot exist before the tables (their signature or a BEGIN ATOMIC body names
// a table's row type) or the views; and, until nothing changes, functions that need those.
std::map<catalog::Oid, ObjectKind> late_functions(const Context& context, const Graph& graph) {
  std::map<catalog::Oid, ObjectKind> late;
  for (const catalog::Oid oid : context.target().functions) {
    const ObjectRef function{ObjectKind::function, oid};
    if (needs_kind(graph, function, ObjectKind::view)) {
      late[oid] = ObjectKind::view;
    } else if (needs_kind(graph, function, ObjectKind::table)) {
      late[oid] = ObjectKind::table;
    }
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (const catalog::Oid oid : context.target().functions) {
      const auto edges = graph.find({ObjectKind::function, oid});
      if (edges == graph.end()) {
        continue;
      }
      for (const auto& referenced : edges->second) {
        const auto needed = late.find(referenced.oid);
        if (referenced.kind != ObjectKind::function || needed == late.end()) {
          continue;
        }
        const ObjectKind phase = needed->second;
        const auto [entry, inserted] = late.try_emplace(oid, phase);
        if (inserted || (phase == ObjectKind::view && entry->second != ObjectKind::view)) {
          entry->second = phase;
          changed = true;
        }
      }
    }
  }
  return late;
}

// `objects`, each after those of the list it needs (depth first, in list order otherwise).
std::vector<ObjectRef> in_dependency_order(const std::vector<ObjectRef>& objects,
                                           const Graph& graph) {
  const std::set<ObjectRef> wanted(objects.begin(), objects.end());
  std::vector<ObjectRef> ordered;
  std::set<ObjectRef> visited;
  std::function<void(const ObjectRef&)> visit = [&](const ObjectRef& object) {
    if (!visited.insert(object).second) {
      return;
    }
    if (const auto found = graph.find(object); found != graph.end()) {
      for (const auto& referenced : found->second) {
        if (wanted.count(referenced) != 0) {
          visit(referenced);
        }
      }
    }
    ordered.push_back(object);
  };
  for (const auto& object : objects) {
    visit(object);
  }
  return ordered;
}

std::vector<catalog::Oid> oids_of(const std::vector<ObjectRef>& objects) {
  std::vector<catalog::Oid> oids;
  for (const auto& object : objects) {
    oids.push_back(object.oid);
  }
  return oids;
}

} // namespace

// Types, functions and the other objects need each other (a domain's CHECK calls a function, a
// function takes an enum, an operator calls a function, an operator class lists operators, a
// domain has a collation): one depth-first walk over all, in the plan's order (collations
// first), puts each after what it needs.
// A cycle (a range's canonical function takes the range) cannot be created from SQL anyway;
// the walk just breaks it.
RoutineOrder order_types_and_functions(const Context& context) {
  const Graph graph = dependency_graph(context.catalog());
  const auto late = late_functions(context, graph);
  std::vector<ObjectRef> early;
  std::vector<ObjectRef> after_tables;
  std::vector<ObjectRef> after_views;
  for (const auto& object : context.target().objects) {
    early.push_back(object);
  }
  for (const catalog::Oid oid : context.target().types) {
    early.push_back({ObjectKind::type, oid});
  }
  for (const catalog::Oid oid : context.target().functions) {
    const auto found = late.find(oid);
    auto& phase = found == late.end()                 ? early
                  : found->second == ObjectKind::view ? after_views
                                                      : after_tables;
    phase.push_back({ObjectKind::function, oid});
  }
  return {in_dependency_order(early, graph), oids_of(in_dependency_order(after_tables, graph)),
          oids_of(in_dependency_order(after_views, graph))};
}

} // namespace pgsplit::schema::detail
