#include <pgsplit/core/did_you_mean.hpp>
#include <pgsplit/plan/findings.hpp>
#include <pgsplit/plan/placement.hpp>
#include <pgsplit/plan/version_tables.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace pgsplit::plan::detail {

TableTree::TableTree(const catalog::Catalog& catalog) {
  for (const auto& table : catalog.tables) {
    std::optional<Oid> parent = table.partition_parent;
    if (!parent && !table.inherits.empty()) {
      parent = table.inherits.front();
    }
    if (parent && catalog.find_table(*parent) != nullptr) {
      parent_[table.oid] = *parent;
      children_[*parent].push_back(table.oid);
    }
  }
}

Oid TableTree::root_of(Oid table) const {
  std::set<Oid> seen; // a valid catalog has no cycles; this only guards against a bad one
  for (auto found = parent_.find(table); found != parent_.end() && seen.insert(table).second;
       found = parent_.find(table)) {
    table = found->second;
  }
  return table;
}

std::vector<Oid> TableTree::descendants_of(Oid root) const {
  std::vector<Oid> descendants;
  std::vector<Oid> pending{root};
  while (!pending.empty()) {
    const Oid parent = pending.back();
    pending.pop_back();
    if (const auto found = children_.find(parent); found != children_.end()) {
      for (const Oid child : found->second) {
        descendants.push_back(child);
        pending.push_back(child);
      }
    }
  }
  return descendants;
}

namespace {

using catalog::Table;

// One claim of a root table by an entry of a target's `tables` list.
struct Claim {
  const config::Target* target;
  const config::TableEntry* entry;
};

class Placer {
public:
  Placer(const config::Mapping& mapping, const catalog::Catalog& catalog, const TableTree& tree,
         Plan& plan)
      : mapping_(mapping), catalog_(catalog), tree_(tree), plan_(plan) {}

  void run() {
    exclude_by_patterns();
    for (const auto& target : mapping_.targets) {
      for (const auto& entry : target.tables) {
        entry.pattern.has_glob() ? claim_glob(target, entry) : claim_exact(target, entry);
      }
    }
    record_exclusions();
    for (const auto& [table, claims] : claims_) {
      place(*catalog_.find_table(table), claims);
    }
    check_listed_children();
    report_unmapped();
    report_duplicate_target_names();
  }

private:
  bool is_excluded(Oid table) const { return excluded_by_.count(table) != 0; }
  bool is_version(const Table& table) const { return is_version_table(table.name.name); }

  void exclude_by_patterns() {
    for (const auto& exclude : mapping_.exclude) {
      bool matched = false;
      for (const auto& table : catalog_.tables) {
        if (tree_.is_root(table.oid) &&
            exclude.pattern.matches(table.name.schema, table.name.name)) {
          excluded_by_.emplace(table.oid, exclude.pattern.to_string());
          matched = true;
        }
      }
      if (!matched) {
        add_warning(
            plan_, exclude.location,
            fmt::format("exclude pattern '{}' matches no table", exclude.pattern.to_string()),
            "remove it, or check the spelling (names are case-sensitive)");
      }
    }
  }

  // An exact name: public first, else the only included schema that has it.
  std::vector<const Table*> find_exact(const config::NamePattern& pattern) const {
    std::vector<const Table*> found;
    for (const auto& table : catalog_.tables) {
      if (table.name.name == pattern.name &&
          (!pattern.schema || *pattern.schema == table.name.schema)) {
        found.push_back(&table);
      }
    }
    if (!pattern.schema && found.size() > 1) {
      const auto in_public = std::find_if(found.begin(), found.end(), [](const Table* table) {
        return table->name.schema == "public";
      });
      if (in_public != found.end()) {
        return {*in_public};
      }
    }
    return found;
  }

  void claim_exact(const config::Target& target, const config::TableEntry& entry) {
    const auto where = at(entry.location, target.name, entry.pattern.to_string());
    const auto found = find_exact(entry.pattern);
    if (found.empty()) {
      report_no_match(target, entry);
      return;
    }
    if (found.size() > 1) {
      std::vector<std::string> schemas;
      for (const auto* table : found) {
        schemas.push_back(table->name.schema);
      }
      add_error(plan_, where,
                fmt::format("table name '{}' is ambiguous: it exists in schemas {}",
                            entry.pattern.name, fmt::join(schemas, ", ")),
                "qualify it with its schema, e.g. schema.table");
      return;
    }
    const Table& table = *found.front();
    if (!tree_.is_root(table.oid)) {
      // Judged once every root is claimed: the parent may be listed later in the file.
      listed_children_.push_back({table.oid, {&target, &entry}});
      return;
    }
    if (is_excluded(table.oid)) {
      add_error(plan_, where,
                fmt::format("table {} is both excluded (by '{}') and mapped to target {}",
                            table.name.to_string(), excluded_by_.at(table.oid), target.name),
                "remove it from exclude: or from the target's tables");
      return;
    }
    claims_[table.oid].push_back({&target, &entry});
  }

  void claim_glob(const config::Target& target, const config::TableEntry& entry) {
    std::vector<Oid> matched;
    for (const auto& table : catalog_.tables) {
      if (tree_.is_root(table.oid) && !is_excluded(table.oid) && !is_version(table) &&
          entry.pattern.matches(table.name.schema, table.name.name)) {
        matched.push_back(table.oid);
      }
    }
    if (matched.empty()) {
      report_no_match(target, entry);
      return;
    }
    if (entry.rename && matched.size() > 1) {
      add_error(plan_, at(entry.location, target.name, entry.pattern.to_string()),
                fmt::format("rename needs a single table, but '{}' matches {} tables",
                            entry.pattern.to_string(), matched.size()),
                "name the table exactly in the entry that renames it");
      return;
    }
    for (const Oid table : matched) {
      claims_[table].push_back({&target, &entry});
    }
  }

  void report_no_match(const config::Target& target, const config::TableEntry& entry) {
    std::vector<std::string> names;
    for (const auto& table : catalog_.tables) {
      names.push_back(entry.pattern.schema ? table.name.to_string() : table.name.name);
    }
    const auto spelled = entry.pattern.to_string();
    add_error(plan_, at(entry.location, target.name, spelled),
              fmt::format("'{}' matches no table of the source{}", spelled,
                          core::did_you_mean_suffix(spelled, names)),
              "names are case-sensitive and match the catalog exactly; unqualified names are "
              "looked up in public, then in the only schema that has them");
  }

  void record_exclusions() {
    for (const auto& table : catalog_.tables) {
      if (!tree_.is_root(table.oid)) {
        continue;
      }
      if (const auto found = excluded_by_.find(table.oid); found != excluded_by_.end()) {
        plan_.excluded.push_back(
            {table.oid, table.name, "excluded by '" + found->second + "'", false});
      } else if (is_version(table) && claims_.count(table.oid) == 0) {
        plan_.excluded.push_back({table.oid, table.name,
                                  fmt::format("migration version table ({}), never copied: "
                                              "stamp the targets instead",
                                              version_table_tool(table.name.name)),
                                  true});
      }
    }
  }

  void place(const Table& table, std::vector<Claim> claims);
  void check_listed_children();
  void check_listed_child(const Table& child, const Claim& claim);
  void place_one(const Table& table, const Claim& claim);
  void report_unmapped();
  void report_duplicate_target_names();

  const config::Mapping& mapping_;
  const catalog::Catalog& catalog_;
  const TableTree& tree_;
  Plan& plan_;
  std::map<Oid, std::string> excluded_by_;
  std::map<Oid, std::vector<Claim>> claims_;
  // Partitions and inheritance children named exactly in a target (pasted from `\dt`).
  std::vector<std::pair<Oid, Claim>> listed_children_;
};

// Rule 2: a table claimed several times needs `replicate` or a `where` on every claim.
void Placer::place(const Table& table, std::vector<Claim> claims) {
  // The same target claiming a table twice (two globs, say) with nothing special is one claim.
  std::vector<Claim> distinct;
  for (const auto& claim : claims) {
    const bool repeated = std::any_of(distinct.begin(), distinct.end(), [&](const Claim& seen) {
      return seen.target == claim.target && !seen.entry->where && !claim.entry->where &&
             !claim.entry->rename;
    });
    if (!repeated) {
      distinct.push_back(claim);
    }
  }
  if (distinct.size() > 1) {
    const bool all_deliberate =
        std::all_of(distinct.begin(), distinct.end(), [](const Claim& claim) {
          return claim.entry->replicate || claim.entry->where.has_value();
        });
    if (!all_deliberate) {
      std::vector<std::string> places;
      for (const auto& claim : distinct) {
        places.push_back(fmt::format("{} ({})", claim.target->name,
                                     core::format_location(claim.entry->location)));
      }
      add_error(plan_,
                at(distinct.front().entry->location, distinct.front().target->name,
                   table.name.to_string()),
                fmt::format("table {} is mapped to several targets: {}", table.name.to_string(),
                            fmt::join(places, "; ")),
                "map it to one target, or mark every occurrence `replicate: true` (a full copy "
                "in each) or give each a `where` filter (the rows split between them)");
      return;
    }
  }
  for (const auto& claim : distinct) {
    place_one(table, claim);
  }
}

void Placer::place_one(const Table& table, const Claim& claim) {
  auto& target =
      *std::find_if(plan_.targets.begin(), plan_.targets.end(),
                    [&](const TargetPlan& plan) { return plan.name == claim.target->name; });
  const auto& entry = *claim.entry;
  QualifiedName target_name = table.name;
  if (entry.rename) {
    target_name = {entry.rename->schema.value_or(table.name.schema), entry.rename->name};
  }
  const auto placed = [&](const Table& source, QualifiedName name, std::optional<Oid> root) {
    return PlacedTable{
        source.oid,      source.name, std::move(name),         entry.where,
        entry.replicate, root,        source.estimated_rows,   source.size_bytes,
        entry.location,  false,       entry.drop_foreign_keys, entry.replica_identity_full};
  };
  auto& root = target.tables.emplace_back(placed(table, target_name, std::nullopt));
  root.column_changes = entry.columns;
  root.key_uuid = entry.key_uuid;
  for (const Oid child_oid : tree_.descendants_of(table.oid)) {
    const Table& child = *catalog_.find_table(child_oid);
    // Children keep their names, in the schema their root moved to.
    const std::string schema =
        target_name.schema != table.name.schema ? target_name.schema : child.name.schema;
    target.tables.push_back(placed(child, {schema, child.name.name}, table.oid));
  }
}

void Placer::check_listed_children() {
  for (const auto& [child, claim] : listed_children_) {
    check_listed_child(*catalog_.find_table(child), claim);
  }
}

// A partition or child always goes where its root goes, with the root's filter and schema:
// naming it next to its root is harmless (a warning), naming it anywhere else would tear the
// tree apart (an error), and options on its own entry could not be honoured (an error).
void Placer::check_listed_child(const Table& child, const Claim& claim) {
  const auto& entry = *claim.entry;
  const auto& root = *catalog_.find_table(tree_.root_of(child.oid));
  const auto where = at(entry.location, claim.target->name, child.name.to_string());
  const auto relation = fmt::format("table {} is a partition or child of {}",
                                    child.name.to_string(), root.name.to_string());
  if (entry.where || entry.rename || entry.replicate) {
    add_error(plan_, where,
              fmt::format("{}: it follows its parent, so its own where, rename or replicate "
                          "cannot apply",
                          relation),
              fmt::format("put these settings on the entry of {}, or remove this entry",
                          root.name.to_string()));
    return;
  }
  std::vector<std::string> root_targets;
  if (const auto claims = claims_.find(root.oid); claims != claims_.end()) {
    for (const auto& root_claim : claims->second) {
      root_targets.push_back(root_claim.target->name);
    }
  }
  if (std::find(root_targets.begin(), root_targets.end(), claim.target->name) !=
      root_targets.end()) {
    add_warning(
        plan_, where,
        fmt::format("{}: it follows its parent to target {} anyway", relation, claim.target->name),
        "this entry changes nothing and can be removed");
    return;
  }
  const std::string parent_goes =
      is_excluded(root.oid)  ? fmt::format("is excluded (by '{}')", excluded_by_.at(root.oid))
      : root_targets.empty() ? std::string("is mapped to no target")
                             : fmt::format("goes to target {}", fmt::join(root_targets, ", "));
  add_error(plan_, where,
            fmt::format("{}, which {}: listing it in target {} would separate it from its parent",
                        relation, parent_goes, claim.target->name),
            fmt::format("map {} to target {} (its partitions and children follow it), or remove "
                        "this entry",
                        root.name.to_string(), claim.target->name));
}

// Rule 1: every root table is mapped, excluded, or a version table.
void Placer::report_unmapped() {
  std::vector<std::string> unmapped;
  for (const auto& table : catalog_.tables) {
    if (tree_.is_root(table.oid) && claims_.count(table.oid) == 0 && !is_excluded(table.oid) &&
        !is_version(table)) {
      unmapped.push_back(table.name.to_string());
    }
  }
  if (!unmapped.empty()) {
    add_error(plan_, core::Location{.file = mapping_.file.string()},
              fmt::format("{} source table{} not mapped to any target and not excluded "
                          "(their data would be lost): {}",
                          unmapped.size(), unmapped.size() == 1 ? " is" : "s are",
                          fmt::join(unmapped, ", ")),
              "add each to a target's tables, or list it under exclude: to leave it behind on "
              "purpose");
  }
}

void Placer::report_duplicate_target_names() {
  for (const auto& target : plan_.targets) {
    std::map<QualifiedName, const PlacedTable*> seen;
    for (const auto& placed : target.tables) {
      const auto [found, inserted] = seen.emplace(placed.target_name, &placed);
      if (!inserted && found->second->table != placed.table) {
        add_error(plan_, at(placed.location, target.name, placed.target_name.to_string()),
                  fmt::format("tables {} and {} would both become {} in target {}",
                              found->second->source_name.to_string(),
                              placed.source_name.to_string(), placed.target_name.to_string(),
                              target.name),
                  "rename one of them");
      }
    }
  }
}

} // namespace

void place_tables(const config::Mapping& mapping, const catalog::Catalog& catalog,
                  const TableTree& tree, Plan& plan) {
  Placer(mapping, catalog, tree, plan).run();
}

} // namespace pgsplit::plan::detail
