#include <pgsplit/catalog/loader.hpp>
#include <pgsplit/pg/snapshot.hpp>
#include <pgsplit/pg/transaction.hpp>
#include <pgsplit/plan/projection.hpp>
#include <pgsplit/verify/schema_parity.hpp>

#include <fmt/format.h>

#include <map>
#include <set>
#include <string_view>
#include <utility>

namespace pgsplit::verify {
namespace {

// The table and every table it is a partition or inheritance child of, transitively.
std::set<catalog::Oid> self_and_ancestors(const catalog::Catalog& catalog, catalog::Oid table) {
  std::set<catalog::Oid> found;
  std::vector<catalog::Oid> pending{table};
  while (!pending.empty()) {
    const catalog::Oid oid = pending.back();
    pending.pop_back();
    const auto* current = catalog.find_table(oid);
    if (!found.insert(oid).second || current == nullptr) {
      continue;
    }
    if (current->partition_parent) {
      pending.push_back(*current->partition_parent);
    }
    pending.insert(pending.end(), current->inherits.begin(), current->inherits.end());
  }
  return found;
}

// The foreign keys the plan dropped for `table`: its own, and the clones partitions get of
// their partitioned table's keys (same name).
std::set<std::string> dropped_keys(const catalog::Catalog& catalog, const plan::TargetPlan& target,
                                   catalog::Oid table) {
  const auto lineage = self_and_ancestors(catalog, table);
  std::set<std::string> names;
  for (const auto& key : target.dropped_foreign_keys) {
    if (lineage.count(key.child_table) != 0) {
      names.insert(key.name);
    }
  }
  return names;
}

class TableComparison {
public:
  TableComparison(std::string target, std::string table, std::vector<Finding>& findings)
      : target_(std::move(target)), table_(std::move(table)), findings_(findings) {}

  void differ(std::string message) {
    findings_.push_back(
        {CheckKind::schema, Outcome::mismatch, target_, table_, std::move(message)});
  }

  // Compares two name → description maps: missing, extra, and different descriptions.
  void compare(std::string_view what, const std::map<std::string, std::string>& expected,
               const std::map<std::string, std::string>& actual) {
    for (const auto& [name, description] : expected) {
      const auto found = actual.find(name);
      if (found == actual.end()) {
        differ(fmt::format("{} {} is missing{}", what, name,
                           description.empty() ? "" : " (" + description + ")"));
      } else if (found->second != description) {
        differ(fmt::format("{} {} is {} in the target, {} in the source", what, name, found->second,
                           description));
      }
    }
    for (const auto& [name, description] : actual) {
      if (expected.count(name) == 0) {
        differ(fmt::format("{} {} is not in the source{}", what, name,
                           description.empty() ? "" : " (" + description + ")"));
      }
    }
  }

private:
  std::string target_;
  std::string table_;
  std::vector<Finding>& findings_;
};

std::map<std::string, std::string> columns_of(const catalog::Table& table) {
  std::map<std::string, std::string> columns;
  for (const auto& column : table.columns) {
    columns.emplace(column.name, column.type);
  }
  return columns;
}

// A reshaped table's columns are the projection's; a converted column's type is as the mapping
// spells it (`varchar(13)` for `character varying(13)`): only its presence is compared.
std::map<std::string, std::string> expected_columns(const catalog::Table& table,
                                                    const plan::PlacedTable& placed,
                                                    const catalog::Table& actual) {
  if (!placed.reshaped()) {
    return columns_of(table);
  }
  const auto in_target = columns_of(actual);
  std::map<std::string, std::string> columns;
  for (const auto& column : plan::project_columns(table, placed)) {
    const auto found = in_target.find(column.name);
    columns.emplace(column.name,
                    column.converted && found != in_target.end() ? found->second : column.type);
  }
  return columns;
}

std::map<std::string, std::string> constraints_of(const catalog::Table& table,
                                                  const std::set<std::string>& dropped) {
  std::map<std::string, std::string> constraints;
  for (const auto& constraint : table.constraints) {
    if (constraint.kind == catalog::ConstraintKind::foreign_key &&
        dropped.count(constraint.name) != 0) {
      continue;
    }
    constraints.emplace(constraint.name, std::string(catalog::to_string(constraint.kind)));
  }
  return constraints;
}

std::map<std::string, std::string> indexes_of(const catalog::Table& table) {
  std::map<std::string, std::string> indexes;
  for (const auto& index : table.indexes) {
    if (!index.parent_index) {
      indexes.emplace(index.name, "");
    }
  }
  return indexes;
}

} // namespace

SchemaComparison compare_schema(const catalog::Catalog& source, const plan::TargetPlan& target,
                                const catalog::Catalog& target_catalog) {
  SchemaComparison result;
  auto& findings = result.findings;
  std::set<std::pair<catalog::Oid, catalog::QualifiedName>> seen;
  for (const auto& placed : target.tables) {
    const auto* expected = source.find_table(placed.table);
    if (expected == nullptr || expected->kind == catalog::TableKind::foreign_table ||
        !seen.emplace(placed.table, placed.target_name).second) {
      continue;
    }
    ++result.tables;
    TableComparison comparison(target.name, placed.target_name.to_string(), findings);
    const auto* actual = target_catalog.find_table(placed.target_name);
    if (actual == nullptr) {
      comparison.differ(
          fmt::format("the table is missing (source {})", placed.source_name.to_string()));
      continue;
    }
    if (actual->kind != expected->kind) {
      comparison.differ(fmt::format("a {} in the target, a {} in the source",
                                    catalog::to_string(actual->kind),
                                    catalog::to_string(expected->kind)));
    }
    comparison.compare("column", expected_columns(*expected, placed, *actual), columns_of(*actual));
    comparison.compare("constraint",
                       constraints_of(*expected, dropped_keys(source, target, placed.table)),
                       constraints_of(*actual, {}));
    comparison.compare("index", indexes_of(*expected), indexes_of(*actual));
  }
  return result;
}

catalog::Catalog load_target_catalog(pg::Connection& target) {
  pg::Transaction transaction(target, pg::consistent_read);
  auto loaded = catalog::load_catalog(target, {.column_uses = false});
  transaction.commit();
  return loaded;
}

} // namespace pgsplit::verify
