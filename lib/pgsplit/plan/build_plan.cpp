#include <pgsplit/core/byte_size.hpp>
#include <pgsplit/plan/build_plan.hpp>
#include <pgsplit/plan/findings.hpp>
#include <pgsplit/plan/placement.hpp>
#include <pgsplit/plan/rules.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pgsplit::plan {
namespace {

// Largest roots first (the copy engine starts with them); each root's partitions right after it.
void order_tables(TargetPlan& target) {
  std::vector<PlacedTable> roots;
  std::vector<PlacedTable> children;
  for (auto& placed : target.tables) {
    (placed.root ? children : roots).push_back(std::move(placed));
  }
  std::stable_sort(roots.begin(), roots.end(), [](const PlacedTable& a, const PlacedTable& b) {
    return a.size_bytes > b.size_bytes;
  });
  target.tables.clear();
  for (auto& root : roots) {
    const Oid root_oid = root.table;
    const core::Location entry = root.location; // children placed by the same mapping entry
    target.tables.push_back(std::move(root));
    for (auto& child : children) {
      if (child.root == root_oid && child.location.line == entry.line &&
          child.location.column == entry.column) {
        target.tables.push_back(child);
      }
    }
  }
}

// Large objects belong to the database, not to a table: no target gets them. Never silent.
void report_large_objects(const catalog::Catalog& catalog, Plan& plan) {
  if (catalog.large_objects == 0) {
    return;
  }
  detail::add_warning(
      plan, core::Location{},
      fmt::format("the source holds {} large object{} ({} in pg_largeobject): no target gets "
                  "them, pgsplit copies tables only",
                  catalog.large_objects, catalog.large_objects == 1 ? "" : "s",
                  core::format_bytes(catalog.large_objects_bytes)),
      "copy them to the target that needs them yourself (pg_dump --blobs --data-only with -t "
      "of any small table dumps them all; pg_restore that into the target), or move them into "
      "bytea columns of mapped tables before the split");
}

} // namespace

Plan build_plan(const config::Mapping& mapping, const catalog::Catalog& catalog) {
  Plan plan;
  plan.source_database = catalog.database;
  for (const auto& target : mapping.targets) {
    TargetPlan target_plan;
    target_plan.name = target.name;
    target_plan.create_database = target.create_database;
    target_plan.stamps = target.stamps;
    target_plan.keep_owners = mapping.options.owners == config::Owners::keep;
    target_plan.keep_privileges = mapping.options.privileges == config::Privileges::keep;
    plan.targets.push_back(std::move(target_plan));
  }
  const detail::TableTree tree(catalog);
  detail::place_tables(mapping, catalog, tree, plan);
  for (auto& target : plan.targets) {
    order_tables(target);
  }
  detail::find_cross_target_foreign_keys(mapping, catalog, plan);
  detail::compute_closures(catalog, plan);
  detail::check_reshaping(catalog, plan);
  if (mapping.options.schema == config::SchemaMode::existing) {
    detail::refuse_reshaping_existing_schema(plan);
  }
  report_large_objects(catalog, plan);
  return plan;
}

} // namespace pgsplit::plan
