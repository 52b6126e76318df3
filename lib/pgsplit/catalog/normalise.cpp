#include <pgsplit/catalog/normalise.hpp>

#include <algorithm>
#include <set>
#include <tuple>

namespace pgsplit::catalog::detail {
namespace {

std::set<ObjectRef> catalog_objects(const Catalog& catalog) {
  std::set<ObjectRef> objects;
  const auto add_all = [&objects](ObjectKind kind, const auto& items) {
    for (const auto& item : items) {
      objects.insert({kind, item.oid});
    }
  };
  add_all(ObjectKind::schema, catalog.schemas);
  add_all(ObjectKind::extension, catalog.extensions);
  add_all(ObjectKind::type, catalog.types);
  add_all(ObjectKind::function, catalog.functions);
  add_all(ObjectKind::sequence, catalog.sequences);
  add_all(ObjectKind::table, catalog.tables);
  add_all(ObjectKind::view, catalog.views);
  for (const auto& object : catalog.objects) {
    objects.insert({object.kind, object.oid});
  }
  return objects;
}

bool edge_less(const Dependency& left, const Dependency& right) {
  return std::tie(left.dependent, left.referenced) < std::tie(right.dependent, right.referenced);
}

bool edge_equal(const Dependency& left, const Dependency& right) {
  return left.dependent == right.dependent && left.referenced == right.referenced;
}

template <typename Item> void sort_by_name(std::vector<Item>& items) {
  std::sort(items.begin(), items.end(),
            [](const Item& left, const Item& right) { return left.name < right.name; });
}

void sort_table(Table& table) {
  std::sort(table.columns.begin(), table.columns.end(),
            [](const Column& left, const Column& right) { return left.number < right.number; });
  sort_by_name(table.constraints);
  sort_by_name(table.indexes);
  sort_by_name(table.triggers);
  sort_by_name(table.rules);
}

} // namespace

std::vector<Dependency> normalise_dependencies(std::vector<Dependency> edges,
                                               const Catalog& catalog) {
  const auto objects = catalog_objects(catalog);
  std::vector<Dependency> kept;
  kept.reserve(edges.size());
  for (auto edge : edges) {
    if (edge.dependent.kind == ObjectKind::sequence && edge.referenced.kind == ObjectKind::table) {
      std::swap(edge.dependent, edge.referenced);
    }
    if (edge.dependent != edge.referenced && objects.contains(edge.dependent)) {
      kept.push_back(edge);
    }
  }
  std::sort(kept.begin(), kept.end(), edge_less);
  kept.erase(std::unique(kept.begin(), kept.end(), edge_equal), kept.end());
  return kept;
}

void sort_catalog(Catalog& catalog) {
  sort_by_name(catalog.schemas);
  sort_by_name(catalog.extensions);
  sort_by_name(catalog.types);
  std::sort(catalog.functions.begin(), catalog.functions.end(),
            [](const Function& left, const Function& right) {
              return std::tie(left.name, left.identity_arguments) <
                     std::tie(right.name, right.identity_arguments);
            });
  sort_by_name(catalog.sequences);
  sort_by_name(catalog.tables);
  for (auto& table : catalog.tables) {
    sort_table(table);
  }
  sort_by_name(catalog.views);
  std::sort(catalog.objects.begin(), catalog.objects.end(),
            [](const SchemaObject& left, const SchemaObject& right) {
              return std::tie(left.kind, left.name, left.oid) <
                     std::tie(right.kind, right.name, right.oid);
            });
  for (auto& view : catalog.views) {
    sort_by_name(view.indexes);
  }
  std::sort(catalog.dependencies.begin(), catalog.dependencies.end(), edge_less);
  catalog.index_tables();
}

} // namespace pgsplit::catalog::detail
