#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/config/mapping.hpp>
#include <pgsplit/plan/plan.hpp>

#include <map>
#include <vector>

// Rules 1–4 of the plan: which source tables each mapping entry names, which are excluded,
// and which nobody claimed. Internal to the planner (see build_plan.hpp).
namespace pgsplit::plan::detail {

// The table hierarchy: partitions and inheritance children follow their root.
struct TableTree {
  explicit TableTree(const catalog::Catalog& catalog);
  Oid root_of(Oid table) const;
  bool is_root(Oid table) const { return root_of(table) == table; }
  // Every descendant of `root` (partitions of partitions included), parents before children.
  std::vector<Oid> descendants_of(Oid root) const;

private:
  std::map<Oid, Oid> parent_;
  std::map<Oid, std::vector<Oid>> children_;
};

// Places every mapped root table (and its descendants) into its targets, fills
// plan.targets[*].tables and plan.excluded, and appends findings for rules 1–4.
void place_tables(const config::Mapping& mapping, const catalog::Catalog& catalog,
                  const TableTree& tree, Plan& plan);

} // namespace pgsplit::plan::detail
