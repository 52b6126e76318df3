#include <pgsplit/plan/row_filter.hpp>
#include <pgsplit/probe/filtered_references.hpp>
#include <pgsplit/probe/savepoint.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <optional>
#include <string>

namespace pgsplit::probe {
namespace {

// A foreign key recreated in `target` whose two ends are filtered differently there.
struct KeptKey {
  const plan::TargetPlan* target = nullptr;
  const plan::PlacedTable* child = nullptr;
  const catalog::Table* child_table = nullptr;
  const catalog::Table* parent_table = nullptr;
  const catalog::Constraint* constraint = nullptr;
  std::vector<std::string> parent_filters; // the parent's placements in the target, OR-ed
};

bool is_dropped(const plan::TargetPlan& target, catalog::Oid constraint) {
  return std::any_of(
      target.dropped_foreign_keys.begin(), target.dropped_foreign_keys.end(),
      [&](const plan::CrossTargetForeignKey& key) { return key.constraint == constraint; });
}

// The parent's filters in the target; nullopt when some placement copies it whole (or it is
// not there, the key then crosses targets and is not recreated).
std::optional<std::vector<std::string>> parent_filters(const plan::TargetPlan& target,
                                                       catalog::Oid parent) {
  std::vector<std::string> filters;
  for (const auto& placed : target.tables) {
    if (placed.table == parent) {
      if (!placed.where) {
        return std::nullopt;
      }
      filters.push_back(*placed.where);
    }
  }
  return filters.empty() ? std::nullopt : std::optional(filters);
}

bool is_refused(const std::vector<plan::FilterCheck>& checks, catalog::Oid table) {
  return std::any_of(checks.begin(), checks.end(), [&](const plan::FilterCheck& check) {
    return check.table == table && !check.error.empty();
  });
}

// Keys the target recreates, NOT VALID ones aside (they do not check existing rows). A
// partition's keys are clones of its partitioned table's: checked once, on the latter.
std::vector<KeptKey> kept_keys(const plan::Plan& plan, const catalog::Catalog& catalog,
                               const std::vector<plan::FilterCheck>& checks) {
  std::vector<KeptKey> keys;
  for (const auto& target : plan.targets) {
    for (const auto& placed : target.tables) {
      const auto* table = catalog.find_table(placed.table);
      if (!table || table->kind == catalog::TableKind::foreign_table ||
          is_refused(checks, table->oid)) {
        continue;
      }
      for (const auto& constraint : table->constraints) {
        if (constraint.kind != catalog::ConstraintKind::foreign_key || !constraint.is_local ||
            !constraint.validated || !constraint.referenced_table ||
            is_dropped(target, constraint.oid) ||
            is_refused(checks, *constraint.referenced_table)) {
          continue;
        }
        auto filters = parent_filters(target, *constraint.referenced_table);
        const auto* parent = catalog.find_table(*constraint.referenced_table);
        if (!filters || !parent ||
            (placed.where && filters->size() == 1 && filters->front() == *placed.where)) {
          continue; // parent copied whole, or filtered exactly as the child is
        }
        keys.push_back({&target, &placed, table, parent, &constraint, std::move(*filters)});
      }
    }
  }
  return keys;
}

// A partitioned table's rows are in its partitions (which share its filter); any other
// table's own rows only, as the copy reads them.
std::string from_item(pg::Connection& source, const catalog::Table& table) {
  return fmt::format("{}{}", table.kind == catalog::TableKind::partitioned_table ? "" : "ONLY ",
                     source.quote_qualified(table.name.schema, table.name.name));
}

// Columns are qualified by their table's full name (no alias), so that the filters, written
// against the bare table as the copy runs them, keep their meaning.
std::string orphans_query(pg::Connection& source, const KeptKey& key) {
  const auto child =
      source.quote_qualified(key.child_table->name.schema, key.child_table->name.name);
  const auto parent =
      source.quote_qualified(key.parent_table->name.schema, key.parent_table->name.name);
  std::vector<std::string> set;
  std::vector<std::string> matches;
  for (std::size_t i = 0; i < key.constraint->columns.size(); ++i) {
    const auto column = fmt::format("{}.{}", child, source.quote_ident(key.constraint->columns[i]));
    set.push_back(fmt::format("{} IS NOT NULL", column));
    matches.push_back(fmt::format("{}.{} = {}", parent,
                                  source.quote_ident(key.constraint->referenced_columns.at(i)),
                                  column));
  }
  std::vector<std::string> kept;
  for (const auto& filter : key.parent_filters) {
    kept.push_back(plan::filter_expression(filter));
  }
  return fmt::format("SELECT count(*) AS orphan_rows\n"
                     "FROM {}\n"
                     "WHERE {}\n"
                     "  AND {}\n"
                     "  AND NOT EXISTS (SELECT 1 FROM {}\n"
                     "                  WHERE {}\n"
                     "                    AND ({}))",
                     from_item(source, *key.child_table),
                     key.child->where ? plan::filter_expression(*key.child->where) : "true",
                     fmt::join(set, " AND "), from_item(source, *key.parent_table),
                     fmt::join(matches, " AND "), fmt::join(kept, " OR "));
}

} // namespace

std::vector<plan::FilteredReference>
count_filtered_references(pg::Connection& source, const plan::Plan& plan,
                          const catalog::Catalog& catalog,
                          const std::vector<plan::FilterCheck>& checks) {
  std::vector<plan::FilteredReference> references;
  for (const auto& key : kept_keys(plan, catalog, checks)) {
    plan::FilteredReference reference{.target = key.target->name,
                                      .constraint = key.constraint->oid,
                                      .child_table = key.child_table->oid,
                                      .parent_table = key.parent_table->oid};
    auto counted = attempt(source, orphans_query(source, key));
    if (counted.ok()) {
      reference.orphan_rows = counted.result->int64(0, "orphan_rows");
    } else {
      reference.error = counted.error;
    }
    references.push_back(std::move(reference));
  }
  return references;
}

} // namespace pgsplit::probe
