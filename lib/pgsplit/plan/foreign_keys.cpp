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
        if (std::find(parent_targets.begin(), parent_targets.end(), target.name) !=
            parent_targets.end()) {
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
                                  parent_targets.empty() ? "" : parent_targets.front()};
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
}

} // namespace pgsplit::plan::detail
