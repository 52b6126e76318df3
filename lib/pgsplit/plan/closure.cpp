#include <pgsplit/catalog/dependency_graph.hpp>
#include <pgsplit/plan/findings.hpp>
#include <pgsplit/plan/rules.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace pgsplit::plan::detail {
namespace {

using catalog::ObjectKind;
using catalog::ObjectRef;
using Graph = catalog::DependencyGraph; // dependent → what it needs
using catalog::dependency_graph;

bool is_identifier_char(char character) {
  return std::isalnum(static_cast<unsigned char>(character)) != 0 || character == '_' ||
         character == '$' || static_cast<unsigned char>(character) >= 0x80;
}

// Whether `word` stands in `text` as a whole identifier (quoted or not).
bool mentions(std::string_view text, std::string_view word) {
  for (auto found = text.find(word); found != std::string_view::npos;
       found = text.find(word, found + 1)) {
    const bool starts = found == 0 || !is_identifier_char(text[found - 1]);
    const auto end = found + word.size();
    if (starts && (end == text.size() || !is_identifier_char(text[end]))) {
      return true;
    }
  }
  return false;
}

// Sequences a function body names (nextval('orders_id_seq') in PL/pgSQL has no pg_depend edge).
std::vector<ObjectRef> sequences_named_in(const catalog::Function& function,
                                          const catalog::Catalog& catalog) {
  std::vector<ObjectRef> named;
  for (const auto& sequence : catalog.sequences) {
    if (mentions(function.body, sequence.name.name)) {
      named.push_back({ObjectKind::sequence, sequence.oid});
    }
  }
  return named;
}

// Objects (other than tables and views) reachable from `start`, in visiting order.
std::set<ObjectRef> needed_objects(const std::vector<ObjectRef>& start, const Graph& graph,
                                   const catalog::Catalog& catalog) {
  std::set<ObjectRef> needed;
  std::vector<ObjectRef> pending = start;
  while (!pending.empty()) {
    const ObjectRef current = pending.back();
    pending.pop_back();
    std::vector<ObjectRef> next;
    if (const auto found = graph.find(current); found != graph.end()) {
      next = found->second;
    }
    if (current.kind == ObjectKind::function) {
      if (const auto* function = catalog.find_function(current.oid)) {
        const auto named = sequences_named_in(*function, catalog);
        next.insert(next.end(), named.begin(), named.end());
      }
    }
    for (const auto& referenced : next) {
      if (referenced.kind != ObjectKind::table && referenced.kind != ObjectKind::view &&
          needed.insert(referenced).second) {
        pending.push_back(referenced);
      }
    }
  }
  return needed;
}

// `objects` of one kind, each after the objects of that kind it needs (catalog order on ties).
std::vector<Oid> in_dependency_order(const std::vector<Oid>& objects, ObjectKind kind,
                                     const Graph& graph) {
  const std::set<Oid> wanted(objects.begin(), objects.end());
  std::vector<Oid> ordered;
  std::set<Oid> done;
  std::function<void(Oid)> visit = [&](Oid oid) {
    if (!done.insert(oid).second) {
      return;
    }
    if (const auto found = graph.find({kind, oid}); found != graph.end()) {
      for (const auto& referenced : found->second) {
        if (referenced.kind == kind && wanted.count(referenced.oid) != 0) {
          visit(referenced.oid);
        }
      }
    }
    ordered.push_back(oid);
  };
  for (const Oid oid : objects) {
    visit(oid);
  }
  return ordered;
}

// The tables a view reads, through other views.
std::set<Oid> tables_of_view(Oid view, const Graph& graph) {
  std::set<Oid> tables;
  std::set<Oid> seen_views{view};
  std::vector<Oid> pending{view};
  while (!pending.empty()) {
    const auto found = graph.find({ObjectKind::view, pending.back()});
    pending.pop_back();
    if (found == graph.end()) {
      continue;
    }
    for (const auto& referenced : found->second) {
      if (referenced.kind == ObjectKind::table) {
        tables.insert(referenced.oid);
      } else if (referenced.kind == ObjectKind::view && seen_views.insert(referenced.oid).second) {
        pending.push_back(referenced.oid);
      }
    }
  }
  return tables;
}

std::set<Oid> placed_tables(const TargetPlan& target) {
  std::set<Oid> tables;
  for (const auto& placed : target.tables) {
    tables.insert(placed.table);
  }
  return tables;
}

// Which targets take each view: every target holding all the tables the view reads.
std::map<Oid, std::vector<std::string>> place_views(const catalog::Catalog& catalog,
                                                    const Graph& graph, Plan& plan) {
  std::map<std::string, std::set<Oid>> tables_by_target;
  for (const auto& target : plan.targets) {
    tables_by_target[target.name] = placed_tables(target);
  }
  std::map<Oid, std::vector<std::string>> placement;
  for (const auto& view : catalog.views) {
    const auto tables = tables_of_view(view.oid, graph);
    const bool materialized = view.kind == catalog::ViewKind::materialized_view;
    if (tables.empty()) {
      plan.views_left_behind.push_back({view.oid, view.name, materialized, "reads no table"});
      continue;
    }
    for (const auto& [target, held] : tables_by_target) {
      if (std::includes(held.begin(), held.end(), tables.begin(), tables.end())) {
        placement[view.oid].push_back(target);
      }
    }
    if (placement.count(view.oid) == 0) {
      std::set<std::string> spread;
      for (const Oid table : tables) {
        bool anywhere = false;
        for (const auto& [target, held] : tables_by_target) {
          if (held.count(table) != 0) {
            spread.insert(target);
            anywhere = true;
          }
        }
        if (!anywhere) {
          spread.insert("(not copied)");
        }
      }
      plan.views_left_behind.push_back(
          {view.oid, view.name, materialized,
           fmt::format("reads tables of {}", fmt::join(spread, " and "))});
    }
  }
  return placement;
}

std::vector<Oid> oids_of_kind(const std::set<ObjectRef>& objects, ObjectKind kind) {
  std::vector<Oid> oids;
  for (const auto& object : objects) {
    if (object.kind == kind) {
      oids.push_back(object.oid);
    }
  }
  return oids;
}

// Catalog order (schema, name) first, so output is stable; then dependency order.
template <typename Item>
std::vector<Oid> in_catalog_order(const std::vector<Item>& items, const std::vector<Oid>& oids) {
  const std::set<Oid> wanted(oids.begin(), oids.end());
  std::vector<Oid> ordered;
  for (const auto& item : items) {
    if (wanted.count(item.oid) != 0) {
      ordered.push_back(item.oid);
    }
  }
  return ordered;
}

// Nothing records a dependency on a cast or a conversion (an expression names the cast's
// function): a cast goes where everything it needs goes (its function, or its types), a
// conversion wherever its schema is created. What they need comes along.
std::set<ObjectRef> with_casts_and_conversions(std::set<ObjectRef> needed,
                                               const std::set<std::string>& schemas,
                                               const Graph& graph,
                                               const catalog::Catalog& catalog) {
  std::vector<ObjectRef> added;
  for (const auto& object : catalog.objects) {
    const ObjectRef ref{object.kind, object.oid};
    const auto edges = graph.find(ref);
    bool wanted = false;
    if (object.kind == ObjectKind::cast) {
      wanted = edges != graph.end() && std::all_of(edges->second.begin(), edges->second.end(),
                                                   [&](const ObjectRef& referenced) {
                                                     return needed.contains(referenced);
                                                   });
    } else if (object.kind == ObjectKind::conversion) {
      wanted = schemas.contains(object.name.schema);
    }
    if (wanted && needed.insert(ref).second) {
      added.push_back(ref);
    }
  }
  for (const auto& object : needed_objects(added, graph, catalog)) {
    needed.insert(object);
  }
  return needed;
}

void fill_target(TargetPlan& target, const std::set<ObjectRef>& needed,
                 const std::vector<Oid>& views, const catalog::Catalog& catalog,
                 const Graph& graph) {
  target.extensions =
      in_catalog_order(catalog.extensions, oids_of_kind(needed, ObjectKind::extension));
  target.types =
      in_dependency_order(in_catalog_order(catalog.types, oids_of_kind(needed, ObjectKind::type)),
                          ObjectKind::type, graph);
  target.functions =
      in_catalog_order(catalog.functions, oids_of_kind(needed, ObjectKind::function));
  for (const Oid oid :
       in_catalog_order(catalog.sequences, oids_of_kind(needed, ObjectKind::sequence))) {
    if (!catalog.find_sequence(oid)->is_identity) {
      target.sequences.push_back(oid); // identity sequences come with their column
    }
  }
  target.views =
      in_dependency_order(in_catalog_order(catalog.views, views), ObjectKind::view, graph);

  std::set<std::string> schemas;
  for (const auto& placed : target.tables) {
    schemas.insert(placed.target_name.schema);
  }
  for (const Oid oid : target.types)
    schemas.insert(catalog.find_type(oid)->name.schema);
  for (const Oid oid : target.functions)
    schemas.insert(catalog.find_function(oid)->name.schema);
  for (const Oid oid : target.sequences)
    schemas.insert(catalog.find_sequence(oid)->name.schema);
  for (const Oid oid : target.views)
    schemas.insert(catalog.find_view(oid)->name.schema);
  for (const Oid oid : target.extensions)
    schemas.insert(catalog.find_extension(oid)->schema);
  for (const auto& object : catalog.objects) {
    if (needed.contains({object.kind, object.oid})) {
      target.objects.push_back({object.kind, object.oid});
      if (!object.name.schema.empty()) {
        schemas.insert(object.name.schema);
      }
    }
  }
  schemas.erase("pg_catalog"); // where plpgsql lives; every database has it
  target.schemas.assign(schemas.begin(), schemas.end());
  for (const auto& placed : target.tables) {
    target.estimated_rows += placed.estimated_rows;
    target.size_bytes += placed.size_bytes;
  }
}

void report_shared_sequences(const catalog::Catalog& catalog, Plan& plan) {
  std::map<Oid, std::vector<std::string>> users;
  for (const auto& target : plan.targets) {
    for (const Oid oid : target.sequences) {
      users[oid].push_back(target.name);
    }
  }
  for (const auto& [oid, targets] : users) {
    if (targets.size() < 2) {
      continue;
    }
    const auto& name = catalog.find_sequence(oid)->name;
    plan.shared_sequences.push_back({oid, name, targets});
    add_warning(plan, core::Location{},
                fmt::format("sequence {} is used by tables of targets {}: each gets its own copy, "
                            "starting from the source's current value",
                            name.to_string(), fmt::join(targets, ", ")),
                "ids drawn later from the copies can collide across services; give each its own "
                "range (ALTER SEQUENCE … RESTART) if that matters");
  }
}

std::string_view routine_kind(char kind) {
  switch (kind) {
  case 'a':
    return "aggregate";
  case 'p':
    return "procedure";
  case 'w':
    return "window function";
  default:
    return "function";
  }
}

// Functions, types, free-standing sequences, collations, operators, casts … of the mapped
// schemas that no target takes (a sequence owned by a column goes or stays with its table).
void find_objects_left_behind(const catalog::Catalog& catalog, Plan& plan) {
  std::set<ObjectRef> taken;
  for (const auto& target : plan.targets) {
    for (const Oid oid : target.functions)
      taken.insert({ObjectKind::function, oid});
    for (const Oid oid : target.types)
      taken.insert({ObjectKind::type, oid});
    for (const Oid oid : target.sequences)
      taken.insert({ObjectKind::sequence, oid});
  }
  for (const auto& type : catalog.types) {
    if (taken.count({ObjectKind::type, type.oid}) == 0) {
      plan.objects_left_behind.push_back(
          {std::string(catalog::to_string(type.kind)), type.name.to_string()});
    }
  }
  for (const auto& function : catalog.functions) {
    if (taken.count({ObjectKind::function, function.oid}) == 0) {
      plan.objects_left_behind.push_back(
          {std::string(routine_kind(function.kind)),
           fmt::format("{}({})", function.name.to_string(), function.identity_arguments)});
    }
  }
  for (const auto& sequence : catalog.sequences) {
    if (!sequence.owner_table && taken.count({ObjectKind::sequence, sequence.oid}) == 0) {
      plan.objects_left_behind.push_back({"sequence", sequence.name.to_string()});
    }
  }
  for (const auto& target : plan.targets) {
    taken.insert(target.objects.begin(), target.objects.end());
  }
  for (const auto& object : catalog.objects) {
    if (!taken.contains({object.kind, object.oid})) {
      plan.objects_left_behind.push_back(
          {std::string(catalog::to_string(object.kind)), object.readable()});
    }
  }
}

} // namespace

void compute_closures(const catalog::Catalog& catalog, Plan& plan) {
  const Graph graph = dependency_graph(catalog);
  const auto view_targets = place_views(catalog, graph, plan);
  for (auto& target : plan.targets) {
    std::vector<ObjectRef> start;
    for (const auto& placed : target.tables) {
      start.push_back({ObjectKind::table, placed.table});
    }
    std::vector<Oid> views;
    for (const auto& [view, targets] : view_targets) {
      if (std::find(targets.begin(), targets.end(), target.name) != targets.end()) {
        views.push_back(view);
        start.push_back({ObjectKind::view, view});
      }
    }
    std::set<std::string> schemas;
    for (const auto& placed : target.tables) {
      schemas.insert(placed.target_name.schema);
    }
    const auto needed =
        with_casts_and_conversions(needed_objects(start, graph, catalog), schemas, graph, catalog);
    fill_target(target, needed, views, catalog, graph);
  }
  report_shared_sequences(catalog, plan);
  find_objects_left_behind(catalog, plan);
}

} // namespace pgsplit::plan::detail
