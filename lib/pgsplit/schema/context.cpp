#include <pgsplit/pg/quote.hpp>
#include <pgsplit/plan/projection.hpp>
#include <pgsplit/schema/ddl_steps.hpp>

#include <fmt/format.h>

#include <functional>
#include <map>
#include <set>

namespace pgsplit::schema::detail {

// One entry per distinct (source table, target name): a second claim of the same table with
// another row filter fills the same table.
Context::Context(const catalog::Catalog& catalog, const plan::TargetPlan& target)
    : catalog_(catalog), target_(target) {
  std::set<std::pair<catalog::Oid, catalog::QualifiedName>> seen;
  for (const auto& placed : target.tables) {
    const catalog::Table* source = catalog.find_table(placed.table);
    if (source == nullptr || !seen.emplace(placed.table, placed.target_name).second) {
      continue;
    }
    if (source->kind == catalog::TableKind::foreign_table) {
      note(fmt::format("foreign table {} is not created: its server, user mapping and options "
                       "are not copied",
                       placed.source_name.to_string()));
      continue;
    }
    if (first_placement_.emplace(placed.table, &placed.target_name).second) {
      renames_.set(placed.source_name, placed.target_name);
    }
    if (placed.reshaped()) { // the table as the target gets it (columns renamed, retyped …)
      renames_.set_columns(placed.source_name, plan::renamed_columns(placed));
      reshaped_.push_back(std::make_unique<catalog::Table>(reshaped_table(*source, placed)));
      source = reshaped_.back().get();
    }
    tables_.push_back({source, &placed});
  }
  order_tables();
}

// Parents before children: a partition needs its partitioned table, an inheritance child every
// parent. Otherwise the plan's order (largest roots first) is kept. Other dependencies between
// tables are not followed: foreign keys come after the data anyway, and following them could
// put a partition before its parent when keys form a cycle.
void Context::order_tables() {
  std::map<catalog::Oid, const TargetTable*> by_source;
  for (const auto& table : tables_) {
    by_source.emplace(table.source->oid, &table);
  }
  std::vector<TargetTable> ordered;
  std::set<const TargetTable*> done;
  std::function<void(const TargetTable&)> visit = [&](const TargetTable& table) {
    if (!done.insert(&table).second) {
      return;
    }
    std::vector<catalog::Oid> parents = table.source->inherits;
    if (table.source->partition_parent) {
      parents.insert(parents.begin(), *table.source->partition_parent);
    }
    for (const catalog::Oid parent : parents) {
      if (const auto found = by_source.find(parent); found != by_source.end()) {
        visit(*found->second);
      }
    }
    ordered.push_back(table);
  };
  for (const auto& table : tables_) {
    visit(table);
  }
  tables_ = std::move(ordered);
}

const catalog::QualifiedName* Context::target_name_of(catalog::Oid table) const {
  const auto found = first_placement_.find(table);
  return found == first_placement_.end() ? nullptr : found->second;
}

std::string Context::quoted(const TargetTable& table) const {
  return pg::quote_qualified(table.placed->target_name.schema, table.placed->target_name.name);
}

std::string Context::quoted(catalog::Oid table) const {
  const auto* name = target_name_of(table);
  return name == nullptr ? std::string("?") : pg::quote_qualified(name->schema, name->name);
}

std::string Context::rewrite(const TargetTable& table, std::string_view sql) const {
  const auto* first = target_name_of(table.source->oid);
  const auto columns_renamed = renames_.rename_columns(table.placed->source_name, sql);
  if (first == nullptr || *first == table.placed->target_name) {
    return renames_.rewrite(columns_renamed);
  }
  Renames own = renames_; // a second placement of the table, under another name
  own.set(table.placed->source_name, table.placed->target_name);
  return own.rewrite(columns_renamed);
}

Statement statement(std::string sql, std::string what) { return {std::move(sql), std::move(what)}; }

} // namespace pgsplit::schema::detail
