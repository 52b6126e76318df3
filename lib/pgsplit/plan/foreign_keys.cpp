#include <pgsplit/plan/findings.hpp>
#include <pgsplit/plan/rules.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace pgsplit::plan::detail {
namespace {

std::string describe(const CrossTargetForeignKey& key) {
  return fmt::format("{}({}) → {}({})", key.child.to_string(), fmt::join(key.child_columns, ", "),
                     key.parent.to_string(), fmt::join(key.parent_columns, ", "));
}

bool dropped_by_entry(const PlacedTable& placed, const std::string& name) {
  return std::find(placed.drop_foreign_keys.begin(), placed.drop_foreign_keys.end(), name) !=
         placed.drop_foreign_keys.end();
}

// A name in drop_foreign_keys that is no foreign key of any table its entry placed is a typo:
// the key it meant would be created (or its failure would surface only after the copy).
void check_dropped_names(const catalog::Catalog& catalog, Plan& plan) {
  for (const auto& target : plan.targets) {
    std::map<std::string, std::pair<const PlacedTable*, bool>> names; // entry + name → found
    for (const auto& placed : target.tables) {
      const auto* table = catalog.find_table(placed.table);
      for (const auto& name : placed.drop_foreign_keys) {
        auto& [first, found] = names[core::format_location(placed.location) + '\n' + name];
        first = first ? first : &placed;
        found =
            found || std::any_of(table->constraints.begin(), table->constraints.end(),
                                 [&](const catalog::Constraint& constraint) {
                                   return constraint.kind == catalog::ConstraintKind::foreign_key &&
                                          constraint.name == name;
                                 });
      }
    }
    for (const auto& [key, entry] : names) {
      if (!entry.second) {
        const auto name = key.substr(key.find('\n') + 1);
        add_error(plan,
                  at(entry.first->location, target.name, entry.first->source_name.to_string()),
                  fmt::format("drop_foreign_keys: '{}' is not a foreign key of {}", name,
                              entry.first->source_name.to_string()),
                  "use the constraint's name as \\d shows it (names are case-sensitive)");
      }
    }
  }
}

} // namespace

void find_cross_target_foreign_keys(const config::Mapping& mapping, const catalog::Catalog& catalog,
                                    Plan& plan) {
  std::map<Oid, std::vector<std::string>> targets_of;
  for (const auto& target : plan.targets) {
    for (const auto& placed : target.tables) {
      targets_of[placed.table].push_back(target.name);
    }
  }
  const bool fail =
      mapping.options.cross_target_foreign_keys == config::CrossTargetForeignKeys::fail;
  for (auto& target : plan.targets) {
    for (const auto& placed : target.tables) {
      const auto* table = catalog.find_table(placed.table);
      for (const auto& constraint : table->constraints) {
        if (constraint.kind != catalog::ConstraintKind::foreign_key || !constraint.is_local ||
            !constraint.referenced_table) {
          continue;
        }
        const auto& parent_targets = targets_of[*constraint.referenced_table];
        const bool same_target = std::find(parent_targets.begin(), parent_targets.end(),
                                           target.name) != parent_targets.end();
        const bool dropped = dropped_by_entry(placed, constraint.name);
        if (same_target && !dropped) {
          continue; // both ends in this target: the key is recreated
        }
        const auto* parent = catalog.find_table(*constraint.referenced_table);
        CrossTargetForeignKey key{constraint.oid,
                                  constraint.name,
                                  table->oid,
                                  table->name,
                                  constraint.columns,
                                  target.name,
                                  *constraint.referenced_table,
                                  parent ? parent->name : QualifiedName{"?", "?"},
                                  constraint.referenced_columns,
                                  same_target              ? target.name
                                  : parent_targets.empty() ? ""
                                                           : parent_targets.front()};
        if (dropped) {
          // Asked for in the mapping: no warning, and a key inside one target is no crossing.
          target.dropped_foreign_keys.push_back(key);
          if (!same_target) {
            plan.cross_target_foreign_keys.push_back(std::move(key));
          }
          continue;
        }
        const std::string where_parent = key.parent_target.empty()
                                             ? "is not copied to any target"
                                             : "goes to target " + key.parent_target;
        const auto location = at(placed.location, target.name, table->name.to_string());
        if (fail) {
          add_error(plan, location,
                    fmt::format("foreign key {} {} crosses targets: its parent {}", key.name,
                                describe(key), where_parent),
                    "put both tables in one target, or set options.cross_target_foreign_keys: drop "
                    "to keep the column and its data without the constraint");
        } else {
          add_warning(plan, location,
                      fmt::format("foreign key {} {} will not be created: its parent {}", key.name,
                                  describe(key), where_parent),
                      "the column and its values are copied; `pgsplit verify --references` "
                      "checks them later");
        }
        if (!fail) {
          target.dropped_foreign_keys.push_back(key);
        }
        plan.cross_target_foreign_keys.push_back(std::move(key));
      }
    }
  }
  check_dropped_names(catalog, plan);
}

} // namespace pgsplit::plan::detail
