#include <pgsplit/plan/build_plan.hpp>
#include <pgsplit/plan/findings.hpp>
#include <pgsplit/plan/rules.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace pgsplit::plan {
namespace {

using detail::add_error;
using detail::add_warning;

const PlacedTable* find_placement(const TargetPlan& target, Oid table) {
  for (const auto& placed : target.tables) {
    if (placed.table == table && placed.reshaped()) {
      return &placed;
    }
  }
  return nullptr;
}
using detail::at;

std::string rows_text(std::int64_t rows) {
  return fmt::format("{} row{}", rows, rows == 1 ? "" : "s");
}

const config::Target& config_target(const config::Mapping& mapping, const std::string& name) {
  return *std::find_if(mapping.targets.begin(), mapping.targets.end(),
                       [&](const config::Target& target) { return target.name == name; });
}

bool check_connection(Plan& plan, const TargetPlan& target, const config::Target& configured,
                      const TargetFacts& facts) {
  const auto where = at(configured.location, target.name);
  if (!facts.database_exists) {
    if (!configured.create_database) {
      add_error(plan, where,
                fmt::format("target database {} does not exist", target.url_description),
                "create it, or set create_database: true for this target");
    } else if (!facts.can_create) {
      add_error(plan, where,
                fmt::format("target database {} does not exist and this role may not create "
                            "databases",
                            target.url_description),
                "create it as an administrator, or grant CREATEDB to the role");
    }
    return false;
  }
  if (!facts.reachable) {
    add_error(plan, where, fmt::format("cannot connect to target: {}", facts.connection_error),
              facts.connection_hint);
    return false;
  }
  if (facts.is_source_database) {
    add_error(plan, where,
              fmt::format("target {} is the source database itself", target.url_description),
              "point the target at its own, new database");
    return false;
  }
  return true;
}

void check_server(Plan& plan, const TargetPlan& target, const config::Target& configured,
                  const catalog::Catalog& catalog, const config::Mapping& mapping,
                  const TargetFacts& facts) {
  const auto where = at(configured.location, target.name);
  if (facts.server_version != 0 && facts.server_version / 10000 < catalog.server_version / 10000) {
    add_warning(plan, where,
                fmt::format("target server version {} is older than the source's ({}): the DDL "
                            "generated from the source may be refused",
                            facts.server_version / 10000, catalog.server_version / 10000),
                fmt::format("use a target server of version {} or later, or check `pgsplit plan "
                            "--sql` on this one",
                            catalog.server_version / 10000));
  }
  if (!facts.encoding.empty() && facts.encoding != catalog.server_encoding &&
      facts.encoding != "UTF8") {
    add_error(plan, where,
              fmt::format("target encoding {} cannot hold every character of the source's {}",
                          facts.encoding, catalog.server_encoding),
              "create the target database WITH ENCODING 'UTF8' (or the source's encoding)");
  }
  for (const Oid oid : target.extensions) {
    const auto* extension = catalog.find_extension(oid);
    if (std::find(facts.available_extensions.begin(), facts.available_extensions.end(),
                  extension->name) == facts.available_extensions.end()) {
      add_error(plan, where,
                fmt::format("extension {} is needed but not available on the target server",
                            extension->name),
                "install its package on the target server (e.g. postgresql-contrib)");
    }
  }
  if (facts.database_exists && !facts.can_create &&
      mapping.options.schema == config::SchemaMode::create) {
    add_error(plan, where, "the target role may not create schemas or tables in its database",
              "GRANT CREATE ON DATABASE … TO the role, or use options.schema: existing");
  }
}

const ExistingTable* existing(const TargetFacts& facts, const QualifiedName& name) {
  const auto found = std::find_if(facts.existing_tables.begin(), facts.existing_tables.end(),
                                  [&](const ExistingTable& table) { return table.name == name; });
  return found == facts.existing_tables.end() ? nullptr : &*found;
}

void check_existing_columns(Plan& plan, const TargetPlan& target, PlacedTable& placed,
                            const catalog::Catalog& catalog, const ExistingTable* table) {
  const auto where = at(placed.location, target.name, placed.target_name.to_string());
  if (!table) {
    add_error(plan, where,
              fmt::format("table {} does not exist in target {} (options.schema: existing)",
                          placed.target_name.to_string(), target.name),
              "run the service's migrations on the target first, or use options.schema: create");
    return;
  }
  placed.target_types_match = true;
  for (const auto& column : catalog.find_table(placed.table)->columns) {
    const auto found = std::find_if(
        table->columns.begin(), table->columns.end(),
        [&](const ExistingColumn& existing_column) { return existing_column.name == column.name; });
    if (found == table->columns.end()) {
      add_error(
          plan, where,
          fmt::format("column {} of {} is missing in the target table: its data would be lost",
                      column.name, placed.source_name.to_string()),
          "add the column in the target (a migration), or exclude the table");
      placed.target_types_match = false;
    } else if (found->type != column.type) {
      placed.target_types_match = false;
      add_warning(plan, where,
                  fmt::format("column {} is {} in the source but {} in the target: the copy "
                              "uses text format and the target's input conversion",
                              column.name, column.type, found->type));
    }
  }
}

void check_tables(Plan& plan, TargetPlan& target, const config::Mapping& mapping,
                  const catalog::Catalog& catalog, const TargetFacts& facts) {
  const bool existing_schema = mapping.options.schema == config::SchemaMode::existing;
  for (auto& placed : target.tables) {
    const auto* table = existing(facts, placed.target_name);
    if (existing_schema) {
      check_existing_columns(plan, target, placed, catalog, table);
    }
    if (!table || !table->has_rows) {
      continue;
    }
    const auto where = at(placed.location, target.name, placed.target_name.to_string());
    if (mapping.options.if_target_not_empty == config::IfTargetNotEmpty::fail) {
      add_error(plan, where,
                fmt::format("target table {} already holds rows", placed.target_name.to_string()),
                "empty it, set options.if_target_not_empty: truncate, or continue an "
                "interrupted run with `pgsplit apply --resume`");
    } else {
      add_warning(plan, where,
                  fmt::format("target table {} holds rows: apply will truncate it",
                              placed.target_name.to_string()));
    }
  }
}

void check_source(Plan& plan, const SourceFacts& facts, const catalog::Catalog& catalog) {
  if (facts.other_sessions > 0) {
    add_warning(plan, {},
                fmt::format("{} other session{} connected to the source database{}: are the "
                            "services stopped?",
                            facts.other_sessions, facts.other_sessions == 1 ? " is" : "s are",
                            facts.other_applications.empty()
                                ? ""
                                : fmt::format(" ({})", fmt::join(facts.other_applications, ", "))),
                "rows written after the snapshot are not copied");
  }
  for (const auto& check : facts.filter_checks) {
    if (check.error.empty()) {
      continue;
    }
    const auto placements = plan.placements_of(check.table);
    const auto found =
        std::find_if(placements.begin(), placements.end(),
                     [&](const PlacedTable* p) { return p->where.has_value() && !p->root; });
    const core::Location location =
        found == placements.end() ? core::Location{} : (*found)->location;
    add_error(plan, at(location, check.target, catalog.find_table(check.table)->name.to_string()),
              fmt::format("the where filter is refused by the source: {}", check.error),
              "fix the SQL expression; it is evaluated read-only on the source");
  }
  for (const auto& check : facts.reshape_checks) {
    if (check.error.empty()) {
      continue;
    }
    const auto* placed = plan.find_target(check.target) == nullptr
                             ? nullptr
                             : find_placement(*plan.find_target(check.target), check.table);
    const auto name = catalog.find_table(check.table)->name.to_string();
    add_error(plan, at(placed ? placed->location : core::Location{}, check.target, name),
              fmt::format("the converted columns of {} fail on the source: {}", name, check.error),
              "fix the `using` expression or the type (a value the type would cut or round must "
              "be cut or rounded by `using` itself, e.g. left(x, 8) or round(x, 3)); each is "
              "computed read-only on every row the copy reads");
  }
  for (const auto& coverage : facts.filter_coverage) {
    const auto name = catalog.find_table(coverage.table)->name.to_string();
    // Point at the first filtered entry of the table in the mapping file.
    core::Location location{.table = name};
    for (const auto* placed : plan.placements_of(coverage.table)) {
      if (placed->where && !placed->root) {
        location = placed->location;
        location.table = name;
        break;
      }
    }
    if (coverage.unclaimed_rows > 0) {
      add_error(plan, location,
                fmt::format("{} of {} match{} none of its where filters: they would be lost",
                            rows_text(coverage.unclaimed_rows), name,
                            coverage.unclaimed_rows == 1 ? "es" : ""),
                "widen the filters so that together they select every row");
    }
    if (coverage.multiply_claimed_rows > 0) {
      add_warning(plan, location,
                  fmt::format("{} of {} match{} several where filters and will be copied to "
                              "several targets",
                              rows_text(coverage.multiply_claimed_rows), name,
                              coverage.multiply_claimed_rows == 1 ? "es" : ""));
    }
  }
}

const PlacedTable* placement_in(const Plan& plan, const std::string& target, Oid table) {
  const auto* planned = plan.find_target(target);
  if (planned == nullptr) {
    return nullptr;
  }
  const auto found = std::find_if(planned->tables.begin(), planned->tables.end(),
                                  [&](const PlacedTable& placed) { return placed.table == table; });
  return found == planned->tables.end() ? nullptr : &*found;
}

const catalog::Constraint* constraint_of(const catalog::Table& table, Oid oid) {
  const auto found =
      std::find_if(table.constraints.begin(), table.constraints.end(),
                   [&](const catalog::Constraint& constraint) { return constraint.oid == oid; });
  return found == table.constraints.end() ? nullptr : &*found;
}

// A foreign key kept in a target whose parent rows are filtered out from under some child
// rows: apply would copy everything, then fail adding the key, every target half built.
void check_filtered_references(Plan& plan, const SourceFacts& facts,
                               const catalog::Catalog& catalog) {
  for (const auto& reference : facts.filtered_references) {
    const auto* child = catalog.find_table(reference.child_table);
    const auto* parent = catalog.find_table(reference.parent_table);
    const auto* key = child ? constraint_of(*child, reference.constraint) : nullptr;
    const auto* placed = placement_in(plan, reference.target, reference.child_table);
    if (!key || !parent || !placed || (reference.error.empty() && reference.orphan_rows == 0)) {
      continue;
    }
    const auto where = at(placed->location, reference.target, child->name.to_string());
    const auto described =
        fmt::format("foreign key {} {}({}) → {}({})", key->name, child->name.to_string(),
                    fmt::join(key->columns, ", "), parent->name.to_string(),
                    fmt::join(key->referenced_columns, ", "));
    if (!reference.error.empty()) {
      add_error(plan, where,
                fmt::format("cannot check {} against the where filter of {}: {}", described,
                            parent->name.to_string(), reference.error),
                "fix the filters; they are evaluated read-only on the source");
      continue;
    }
    add_error(
        plan, where,
        fmt::format("{} of {} in target {} reference{} rows of {} that its where filter "
                    "leaves out ({}): adding the key after the copy would fail",
                    rows_text(reference.orphan_rows), child->name.to_string(), reference.target,
                    reference.orphan_rows == 1 ? "s" : "", parent->name.to_string(), described),
        fmt::format("filter {} the same way (select only rows whose {} row is copied), or leave "
                    "the key out of this target with drop_foreign_keys: [{}] on the entry of {}",
                    child->name.to_string(), parent->name.to_string(), key->name,
                    child->name.to_string()));
  }
}

// Only when pgsplit creates the objects: with options.schema: existing they are the target's.
void check_roles(Plan& plan, TargetPlan& target, const config::Target& configured,
                 const config::Mapping& mapping, const catalog::Catalog& catalog,
                 const TargetFacts& facts) {
  if (mapping.options.schema == config::SchemaMode::create) {
    detail::check_target_roles(plan, target, at(configured.location, target.name), catalog, facts);
  }
}

TargetPlan* find_target(Plan& plan, const std::string& name) {
  const auto found = std::find_if(plan.targets.begin(), plan.targets.end(),
                                  [&](const TargetPlan& target) { return target.name == name; });
  return found == plan.targets.end() ? nullptr : &*found;
}

} // namespace

void check_preflight(Plan& plan, const config::Mapping& mapping, const catalog::Catalog& catalog,
                     const Facts& facts) {
  for (const auto& target_facts : facts.targets) {
    auto* target = find_target(plan, target_facts.target);
    if (target == nullptr) {
      continue;
    }
    const auto& configured = config_target(mapping, target->name);
    if (check_connection(plan, *target, configured, target_facts)) {
      check_server(plan, *target, configured, catalog, mapping, target_facts);
      check_tables(plan, *target, mapping, catalog, target_facts);
      check_roles(plan, *target, configured, mapping, catalog, target_facts);
    } else if (!target_facts.database_exists && configured.create_database &&
               target_facts.can_create) {
      // To be created: no tables yet, but its server (version, encoding, extensions, read
      // from a maintenance database) must take what the source needs.
      check_server(plan, *target, configured, catalog, mapping, target_facts);
      check_roles(plan, *target, configured, mapping, catalog, target_facts);
    }
  }
  check_source(plan, facts.source, catalog);
  check_filtered_references(plan, facts.source, catalog);
  for (const auto& stamp : facts.stamps) {
    if (auto* target = find_target(plan, stamp.target)) {
      target->stamp_summaries = stamp.summaries;
    }
    for (const auto& problem : stamp.problems) {
      plan.findings.push_back({Severity::error, problem});
    }
  }
}

} // namespace pgsplit::plan
