#include <pgsplit/core/did_you_mean.hpp>
#include <pgsplit/plan/findings.hpp>
#include <pgsplit/plan/projection.hpp>
#include <pgsplit/plan/rules.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace pgsplit::plan::detail {
namespace {

using catalog::Column;
using catalog::ColumnUse;
using catalog::ColumnUseKind;
using catalog::ConstraintKind;

const Column* find_column(const catalog::Table& table, std::string_view name) {
  const auto found = std::find_if(table.columns.begin(), table.columns.end(),
                                  [&](const Column& column) { return column.name == name; });
  return found == table.columns.end() ? nullptr : &*found;
}

bool is_integer(const Column& column) {
  return column.type == "smallint" || column.type == "integer" || column.type == "bigint";
}

// Every constraint of the source by OID: a column's uses name constraints of other tables
// (the foreign keys that reference it).
std::map<catalog::Oid, ConstraintKind> constraint_kinds(const catalog::Catalog& catalog) {
  std::map<catalog::Oid, ConstraintKind> kinds;
  for (const auto& table : catalog.tables) {
    for (const auto& constraint : table.constraints) {
      kinds.emplace(constraint.oid, constraint.kind);
    }
  }
  return kinds;
}

// The table each constraint belongs to.
std::map<catalog::Oid, catalog::Oid> constraint_tables(const catalog::Catalog& catalog) {
  std::map<catalog::Oid, catalog::Oid> owners;
  for (const auto& table : catalog.tables) {
    for (const auto& constraint : table.constraints) {
      owners.emplace(constraint.oid, table.oid);
    }
  }
  return owners;
}

class Reshaper {
public:
  Reshaper(const catalog::Catalog& catalog, Plan& plan)
      : catalog_(catalog), plan_(plan), constraints_(constraint_kinds(catalog)),
        constraint_tables_(constraint_tables(catalog)) {}

  void run() {
    collect_uuid_keys();
    for (auto& target : plan_.targets) {
      for (auto& placed : target.tables) {
        add_uuid_references(target, placed);
        if (placed.reshaped()) {
          check_table(target, placed);
        }
      }
      leave_key_sequences_behind(target);
    }
  }

private:
  // The tables whose key becomes a uuid, and their key column; every placement must agree.
  void collect_uuid_keys() {
    for (const auto& target : plan_.targets) {
      for (const auto& placed : target.tables) {
        if (placed.key_uuid) {
          uuid_keys_.emplace(placed.table, std::string());
        }
      }
    }
    for (auto& [oid, key] : uuid_keys_) {
      key = key_column(*catalog_.find_table(oid));
    }
    for (const auto& target : plan_.targets) {
      for (const auto& placed : target.tables) {
        if (uuid_keys_.contains(placed.table) && !placed.key_uuid && !placed.root) {
          add_error(plan_, at(placed.location, target.name, placed.source_name.to_string()),
                    fmt::format("{} is placed with `key: uuid` by another entry: its key must be "
                                "the same in every target",
                                placed.source_name.to_string()),
                    "add key: uuid to this entry too");
        }
      }
    }
  }

  void add_uuid_references(const TargetPlan& target, PlacedTable& placed) {
    const auto& table = *catalog_.find_table(placed.table);
    for (const auto& constraint : table.constraints) {
      if (constraint.kind != ConstraintKind::foreign_key || !constraint.referenced_table) {
        continue;
      }
      if (constraint.columns.size() != 1) {
        refuse_composite_reference(target, placed, constraint);
        continue;
      }
      const auto key = uuid_keys_.find(*constraint.referenced_table);
      if (key == uuid_keys_.end() || key->second.empty() ||
          constraint.referenced_columns != std::vector<std::string>{key->second} ||
          (*constraint.referenced_table == placed.table && constraint.columns[0] == key->second)) {
        continue;
      }
      const auto& column = constraint.columns[0];
      const auto already =
          std::any_of(placed.uuid_references.begin(), placed.uuid_references.end(),
                      [&](const UuidReference& ref) { return ref.column == column; });
      if (!already) {
        placed.uuid_references.push_back(
            {column, catalog_.find_table(*constraint.referenced_table)->name});
      }
    }
  }

  // A uuid key referenced together with other columns: the other columns stay as they are, the
  // key's column would need to become uuid inside a composite key; the target could not add
  // the foreign key. Unless the key is not created: the entry leaves it out, or its parent is
  // in another target (a key crossing targets is dropped).
  void refuse_composite_reference(const TargetPlan& target, const PlacedTable& placed,
                                  const catalog::Constraint& constraint) {
    const auto key = uuid_keys_.find(*constraint.referenced_table);
    if (key == uuid_keys_.end() || key->second.empty() ||
        std::find(constraint.referenced_columns.begin(), constraint.referenced_columns.end(),
                  key->second) == constraint.referenced_columns.end() ||
        std::find(placed.drop_foreign_keys.begin(), placed.drop_foreign_keys.end(),
                  constraint.name) != placed.drop_foreign_keys.end() ||
        std::none_of(target.tables.begin(), target.tables.end(), [&](const PlacedTable& other) {
          return other.table == *constraint.referenced_table;
        })) {
      return;
    }
    add_error(plan_, at(placed.location, target.name, placed.source_name.to_string()),
              fmt::format("foreign key {} of {} references the key of {}, which becomes a uuid, "
                          "together with other columns: pgsplit converts only a key referenced "
                          "alone",
                          constraint.name, placed.source_name.to_string(),
                          catalog_.find_table(*constraint.referenced_table)->name.to_string()),
              fmt::format("list {} under drop_foreign_keys of this entry, or remove key: uuid",
                          constraint.name));
  }

  void check_table(const TargetPlan& target, const PlacedTable& placed) {
    const auto& table = *catalog_.find_table(placed.table);
    const auto where = at(placed.location, target.name, placed.source_name.to_string());
    if (table.kind == catalog::TableKind::partitioned_table || placed.root ||
        std::any_of(catalog_.tables.begin(), catalog_.tables.end(), [&](const catalog::Table& t) {
          return std::find(t.inherits.begin(), t.inherits.end(), table.oid) != t.inherits.end();
        })) {
      add_error(plan_, where,
                fmt::format("{} is partitioned or inherited: pgsplit does not reshape the columns "
                            "of a table hierarchy",
                            table.name.to_string()),
                "remove columns: and key: from its entry, and reshape it after the split");
      return;
    }
    check_changes(target, placed, table);
    if (placed.key_uuid) {
      check_key(target, placed, table, where);
    }
    for (const auto& reference : placed.uuid_references) {
      check_reference(target, placed, table, reference, where);
    }
    check_names(placed, table, where);
  }

  void check_changes(const TargetPlan& target, const PlacedTable& placed,
                     const catalog::Table& table) {
    std::vector<std::string> names;
    for (const auto& column : table.columns) {
      names.push_back(column.name);
    }
    for (const auto& change : placed.column_changes) {
      const auto change_at = at(change.location, target.name, placed.source_name.to_string());
      const Column* column = find_column(table, change.column);
      if (column == nullptr) {
        add_error(plan_, change_at,
                  fmt::format("{} has no column '{}'{}", table.name.to_string(), change.column,
                              core::did_you_mean_suffix(change.column, names)),
                  fmt::format("its columns: {}", fmt::join(names, ", ")));
        continue;
      }
      if (change.drop || change.type) {
        const bool drop = change.drop;
        report_uses(
            target, *column, change_at,
            fmt::format("column {} of {} is {}", column->name, table.name.to_string(),
                        drop ? "dropped" : "converted"),
            [&](const ColumnUse& use) { return drop && use.kind == ColumnUseKind::default_value; },
            drop ? "drop or change those objects on the source first, or keep the column"
                 : "convert the column after the split instead, or change those objects "
                   "on the source first");
      }
      if (column->generated_expression && !change.drop) {
        add_error(plan_, change_at,
                  fmt::format("column {} of {} is generated: it cannot be renamed or converted "
                              "on the way",
                              column->name, table.name.to_string()),
                  "keep it as is, or drop it");
      }
      if (column->identity != '\0' && change.type) {
        add_error(plan_, change_at,
                  fmt::format("column {} of {} is an identity column: it cannot be converted",
                              column->name, table.name.to_string()),
                  "keep its type");
      }
    }
  }

  // `key: uuid`: a single integer primary key column, used only by what follows it.
  void check_key(const TargetPlan& target, const PlacedTable& placed, const catalog::Table& table,
                 const core::Location& where) {
    const auto& key = uuid_keys_.at(placed.table);
    const auto key_at = at(where, target.name, placed.source_name.to_string());
    const auto primary =
        std::find_if(table.constraints.begin(), table.constraints.end(),
                     [](const auto& c) { return c.kind == ConstraintKind::primary_key; });
    if (primary == table.constraints.end()) {
      add_error(
          plan_, key_at,
          fmt::format("key: uuid needs a primary key, and {} has none", table.name.to_string()),
          "add a single-column integer primary key on the source, or remove key: uuid");
      return;
    }
    if (key.empty()) {
      add_error(plan_, key_at,
                fmt::format("key: uuid needs a single-column primary key, and the key of {} has "
                            "{} columns ({})",
                            table.name.to_string(), primary->columns.size(),
                            fmt::join(primary->columns, ", ")),
                "remove key: uuid: a composite key cannot become one uuid");
      return;
    }
    const Column& column = *find_column(table, key);
    if (!is_integer(column)) {
      add_error(plan_, key_at,
                fmt::format("key: uuid turns an integer key into a uuid, and the key {} of {} is "
                            "{}",
                            key, table.name.to_string(), column.type),
                "remove key: uuid from the entry");
      return;
    }
    if (std::any_of(placed.column_changes.begin(), placed.column_changes.end(),
                    [&](const auto& change) { return change.column == key; })) {
      add_error(plan_, key_at,
                fmt::format("the key column {} of {} is also listed under columns: key: uuid "
                            "already converts it",
                            key, table.name.to_string()),
                "remove it from columns:");
      return;
    }
    report_key_uses(target, column, key_at,
                    fmt::format("the key {} of {} becomes a uuid", key, table.name.to_string()),
                    true);
  }

  void check_reference(const TargetPlan& target, const PlacedTable& placed,
                       const catalog::Table& table, const UuidReference& reference,
                       const core::Location& where) {
    const Column& column = *find_column(table, reference.column);
    if (std::any_of(placed.column_changes.begin(), placed.column_changes.end(),
                    [&](const auto& change) { return change.column == column.name; })) {
      add_error(plan_, where,
                fmt::format("column {} of {} references the key of {}, which becomes a uuid: it "
                            "becomes a uuid too, and cannot be listed under columns:",
                            column.name, table.name.to_string(), reference.parent.to_string()),
                "remove it from columns:");
      return;
    }
    report_key_uses(target, column, where,
                    fmt::format("column {} of {} references the key of {}, which becomes a uuid",
                                column.name, table.name.to_string(), reference.parent.to_string()));
  }

  // A key turned into a uuid keeps its indexes and its primary, unique and foreign keys.
  // The key's own default (nextval of its sequence) gives way to gen_random_uuid().
  void report_key_uses(const TargetPlan& target, const Column& column, const core::Location& where,
                       const std::string& what, bool own_default_allowed = false) {
    report_uses(
        target, column, where, what,
        [&](const ColumnUse& use) {
          if (use.kind == ColumnUseKind::index ||
              (own_default_allowed && use.kind == ColumnUseKind::default_value)) {
            return true;
          }
          const auto kind = constraints_.find(use.object);
          return use.kind == ColumnUseKind::constraint && kind != constraints_.end() &&
                 kind->second != ConstraintKind::check && kind->second != ConstraintKind::exclusion;
        },
        "change those objects on the source first, or remove key: uuid");
  }

  // A foreign key of a table this target does not hold (another target's, whose key crossing
  // targets is not created, or a table left behind): not a use in this target.
  bool other_tables_key(const TargetPlan& target, const ColumnUse& use) const {
    const auto owner = constraint_tables_.find(use.object);
    const auto kind = constraints_.find(use.object);
    return use.kind == ColumnUseKind::constraint && owner != constraint_tables_.end() &&
           kind != constraints_.end() && kind->second == ConstraintKind::foreign_key &&
           std::none_of(target.tables.begin(), target.tables.end(),
                        [&](const PlacedTable& placed) { return placed.table == owner->second; });
  }

  template <class Allowed>
  void report_uses(const TargetPlan& target, const Column& column, const core::Location& where,
                   const std::string& what, Allowed allowed, std::string hint) {
    std::vector<std::string> uses;
    for (const auto& use : column.used_by) {
      const bool view_left_behind =
          use.kind == ColumnUseKind::view &&
          std::find(target.views.begin(), target.views.end(), use.object) == target.views.end();
      if (!view_left_behind && !other_tables_key(target, use) && !allowed(use)) {
        uses.push_back(fmt::format("{} {}", catalog::to_string(use.kind), use.name));
      }
    }
    if (!uses.empty()) {
      add_error(plan_, where,
                fmt::format("{}, but {} use{} it: {}", what, uses.size(),
                            uses.size() == 1 ? "s" : "", fmt::join(uses, ", ")),
                std::move(hint));
    }
  }

  // A uuid key's serial sequence is not created: the key defaults to gen_random_uuid().
  void leave_key_sequences_behind(TargetPlan& target) {
    std::erase_if(target.sequences, [&](Oid oid) {
      const auto* sequence = catalog_.find_sequence(oid);
      if (sequence == nullptr || !sequence->owner_table || !sequence->owner_column) {
        return false;
      }
      const auto key = uuid_keys_.find(*sequence->owner_table);
      return key != uuid_keys_.end() && key->second == *sequence->owner_column &&
             std::any_of(target.tables.begin(), target.tables.end(), [&](const auto& placed) {
               return placed.table == key->first && placed.key_uuid;
             });
    });
  }

  // Two target columns under one name.
  void check_names(const PlacedTable& placed, const catalog::Table& table,
                   const core::Location& where) {
    std::set<std::string> seen;
    for (const auto& column : table.columns) {
      const auto name = target_column_name(placed, column.name);
      if (!name.empty() && !seen.insert(name).second) {
        add_error(plan_, where,
                  fmt::format("two columns of {} would be named {} in the target",
                              placed.target_name.to_string(), name),
                  "rename one of them differently");
      }
    }
  }

  const catalog::Catalog& catalog_;
  Plan& plan_;
  std::map<catalog::Oid, ConstraintKind> constraints_;
  std::map<catalog::Oid, catalog::Oid> constraint_tables_;
  std::map<catalog::Oid, std::string> uuid_keys_; // table → its key column ("" when not one)
};

} // namespace

void check_reshaping(const catalog::Catalog& catalog, Plan& plan) { Reshaper(catalog, plan).run(); }

void refuse_reshaping_existing_schema(Plan& plan) {
  for (const auto& target : plan.targets) {
    for (const auto& placed : target.tables) {
      if (placed.column_changes.empty() && !placed.key_uuid) {
        continue;
      }
      add_error(plan, at(placed.location, target.name, placed.source_name.to_string()),
                fmt::format("{} is reshaped (columns:, key:), but options.schema: existing "
                            "copies into tables the service's migrations created",
                            placed.source_name.to_string()),
                "remove columns: and key: from its entry, or let pgsplit create the schema "
                "(options.schema: create)");
    }
  }
}

} // namespace pgsplit::plan::detail
