#include <pgsplit/config/glob.hpp>
#include <pgsplit/config/name_pattern.hpp>
#include <pgsplit/core/byte_size.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/plan/init_mapping.hpp>
#include <pgsplit/plan/render_common.hpp>
#include <pgsplit/plan/version_tables.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <numeric>
#include <set>
#include <vector>

namespace pgsplit::plan {
namespace {

using catalog::Oid;
using catalog::QualifiedName;
using catalog::Table;

// --- YAML spelling ---------------------------------------------------------------------------

bool is_plain_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }

bool is_plain_char(char c) {
  return is_plain_start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

// Words YAML 1.1 reads as booleans or null when unquoted.
bool is_reserved_word(std::string_view text) {
  static constexpr std::array<std::string_view, 9> words = {"true", "false", "yes", "no",  "on",
                                                            "off",  "y",     "n",   "null"};
  std::string lower;
  for (const char c : text) {
    lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return std::find(words.begin(), words.end(), lower) != words.end();
}

bool has_control_character(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// A YAML scalar for `text`: plain when that is unambiguous, single-quoted otherwise (readable
// for names quoted in the short form, '"a.b"."c"'), double-quoted with escapes when it holds
// control characters.
std::string yaml_scalar(std::string_view text) {
  if (!text.empty() && is_plain_start(text.front()) &&
      std::all_of(text.begin(), text.end(), is_plain_char) && !is_reserved_word(text)) {
    return std::string(text);
  }
  if (!has_control_character(text)) {
    std::string out = "'";
    for (const char c : text) {
      out += c == '\'' ? std::string("''") : std::string(1, c);
    }
    return out + "'";
  }
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// The mapping expands ${VAR} in values and reads $$ as $: a literal $ is doubled.
std::string escape_dollars(std::string_view text) {
  std::string out;
  for (const char c : text) {
    out += c == '$' ? std::string("$$") : std::string(1, c);
  }
  return out;
}

// A table as a value of `tables:` or a comment, in the short form `schema.name`.
std::string table_entry(const QualifiedName& name) {
  return yaml_scalar(escape_dollars(config::NamePattern{name.schema, name.name}.to_string()));
}

// Text safe on one comment line.
std::string comment_text(std::string_view text) {
  std::string out;
  for (const char c : text) {
    out += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? ' ' : c;
  }
  return out;
}

// --- Grouping --------------------------------------------------------------------------------

class UnionFind {
public:
  explicit UnionFind(std::size_t size) : parent_(size) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
  }
  std::size_t find(std::size_t item) {
    while (parent_[item] != item) {
      parent_[item] = parent_[parent_[item]];
      item = parent_[item];
    }
    return item;
  }
  void unite(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) {
      parent_[std::max(a, b)] = std::min(a, b);
    }
  }

private:
  std::vector<std::size_t> parent_;
};

// The table a partition or inheritance child follows: the top of its parent chain.
Oid root_of(const catalog::Catalog& catalog, const Table& table) {
  const Table* current = &table;
  std::set<Oid> seen{table.oid};
  while (true) {
    const std::optional<Oid> parent = current->partition_parent ? current->partition_parent
                                      : current->inherits.empty()
                                          ? std::nullopt
                                          : std::optional<Oid>(current->inherits.front());
    const Table* next = parent ? catalog.find_table(*parent) : nullptr;
    if (next == nullptr || !seen.insert(next->oid).second) {
      return current->oid;
    }
    current = next;
  }
}

struct Root {
  const Table* table = nullptr;
  std::int64_t size_bytes = 0; // with its partitions / children
  std::int64_t estimated_rows = 0;
  int descendants = 0;
  std::string note; // why it is in its group, when no foreign key put it there
};

bool larger(const Root& a, const Root& b) {
  if (a.size_bytes != b.size_bytes) {
    return a.size_bytes > b.size_bytes;
  }
  return a.table->name < b.table->name;
}

enum class GroupKind { foreign_keys, name_prefix, unassigned };

struct Group {
  std::vector<Root*> roots; // by name
  const Root* largest = nullptr;
  std::int64_t size_bytes = 0;
  std::int64_t estimated_rows = 0;
  int descendants = 0;
  GroupKind kind = GroupKind::foreign_keys;
  std::string prefix; // GroupKind::name_prefix: the shared prefix, e.g. "billing"
  std::string name;

  void add(Root* root) {
    roots.push_back(root);
    size_bytes += root->size_bytes;
    estimated_rows += root->estimated_rows;
    descendants += root->descendants;
    if (largest == nullptr || larger(*root, *largest)) {
      largest = root;
    }
  }
  void sort_roots() {
    std::sort(roots.begin(), roots.end(),
              [](const Root* a, const Root* b) { return a->table->name < b->table->name; });
  }
};

// The components of the foreign-key graph over the root tables, in root order.
std::vector<Group> foreign_key_components(const catalog::Catalog& catalog,
                                          std::vector<Root>& roots) {
  std::map<Oid, std::size_t> index;
  for (std::size_t i = 0; i < roots.size(); ++i) {
    index[roots[i].table->oid] = i;
  }
  UnionFind components(roots.size());
  for (const Table& table : catalog.tables) {
    const auto child = index.find(root_of(catalog, table));
    if (child == index.end()) {
      continue; // a version table or one of its partitions
    }
    for (const catalog::Constraint& constraint : table.constraints) {
      if (constraint.kind != catalog::ConstraintKind::foreign_key || !constraint.referenced_table) {
        continue;
      }
      const Table* referenced = catalog.find_table(*constraint.referenced_table);
      if (referenced == nullptr) {
        continue;
      }
      const auto parent = index.find(root_of(catalog, *referenced));
      if (parent != index.end()) {
        components.unite(child->second, parent->second);
      }
    }
  }
  std::map<std::size_t, Group> by_component;
  for (std::size_t i = 0; i < roots.size(); ++i) {
    by_component[components.find(i)].add(&roots[i]);
  }
  std::vector<Group> groups;
  for (auto& [component, group] : by_component) {
    groups.push_back(std::move(group));
  }
  return groups;
}

// The first word of a table name: `billing` for billing_invoices and for billing itself. A
// leading `_` starts no word.
std::string name_prefix(const std::string& name) {
  const auto cut = name.find('_', 1);
  return cut == std::string::npos ? name : name.substr(0, cut);
}

bool same_prefix(const Root& a, const QualifiedName& b) {
  return a.table->name.schema == b.schema && name_prefix(a.table->name.name) == name_prefix(b.name);
}

// The foreign-key group holding most tables of `loose`'s schema and name prefix (the larger
// group on a tie); nullptr when none does.
Group* nearest_by_prefix(std::vector<Group>& linked, const Root& loose) {
  Group* best = nullptr;
  std::ptrdiff_t best_count = 0;
  for (Group& group : linked) {
    const auto count = std::count_if(group.roots.begin(), group.roots.end(), [&](const Root* root) {
      return same_prefix(*root, loose.table->name);
    });
    if (count > best_count ||
        (count == best_count && count > 0 && group.size_bytes > best->size_bytes)) {
      best = &group;
      best_count = count;
    }
  }
  return best;
}

// Tables no foreign key links to another (loose tables) would each make a target of their own:
// dozens for a schema whose application keeps its foreign keys out of the database. Instead a
// loose table joins the foreign-key group whose tables share its name prefix (users_archive
// goes with users), loose tables sharing a prefix make one target (billing_*), and the rest go
// to one `unassigned` target for the user to distribute (a single one left keeps its own).
std::vector<Group> group_tables(const catalog::Catalog& catalog, std::vector<Root>& roots) {
  std::vector<Group> linked;
  std::vector<Root*> loose;
  for (auto& group : foreign_key_components(catalog, roots)) {
    if (group.roots.size() > 1) {
      linked.push_back(std::move(group));
    } else {
      loose.push_back(group.roots.front());
    }
  }
  std::map<QualifiedName, std::vector<Root*>> by_prefix; // {schema, prefix}
  for (Root* root : loose) {
    if (Group* group = nearest_by_prefix(linked, *root)) {
      root->note = fmt::format("no foreign key: its name starts like its neighbours' ({}_)",
                               name_prefix(root->table->name.name));
      group->add(root);
    } else {
      by_prefix[{root->table->name.schema, name_prefix(root->table->name.name)}].push_back(root);
    }
  }
  std::vector<Group> groups = std::move(linked);
  Group unassigned{.kind = GroupKind::unassigned};
  for (const auto& [key, members] : by_prefix) {
    if (members.size() == 1) {
      unassigned.add(members.front());
      continue;
    }
    Group group{.kind = GroupKind::name_prefix, .prefix = key.name};
    for (Root* root : members) {
      group.add(root);
    }
    groups.push_back(std::move(group));
  }
  if (unassigned.roots.size() == 1) {
    // One table left over is no crowd: a target of its own, named after it.
    unassigned.kind = GroupKind::foreign_keys;
    groups.push_back(std::move(unassigned));
    unassigned = Group{.kind = GroupKind::unassigned};
  }
  for (Group& group : groups) {
    group.sort_roots();
  }
  std::sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
    if (a.size_bytes != b.size_bytes) {
      return a.size_bytes > b.size_bytes;
    }
    return a.largest->table->name < b.largest->table->name;
  });
  if (!unassigned.roots.empty()) {
    unassigned.sort_roots();
    groups.push_back(std::move(unassigned)); // last: the part the user finishes
  }
  return groups;
}

// [a-z0-9_], no leading, trailing or doubled `_`, starting with a letter (it also names the
// ${<NAME>_URL} variable, which cannot start with a digit).
std::string sanitize_target_name(std::string_view table_name) {
  std::string out;
  for (const char c : table_name) {
    char mapped = '_';
    if (c >= 'A' && c <= 'Z') {
      mapped = static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      mapped = c;
    }
    if (mapped != '_' || (!out.empty() && out.back() != '_')) {
      out += mapped;
    }
  }
  while (!out.empty() && out.back() == '_') {
    out.pop_back();
  }
  if (out.empty()) {
    return "target";
  }
  return out.front() >= '0' && out.front() <= '9' ? fmt::format("t_{}", out) : out;
}

void name_groups(std::vector<Group>& groups) {
  std::set<std::string> used;
  for (Group& group : groups) {
    if (group.kind == GroupKind::unassigned) {
      group.name = "unassigned";
      used.insert(group.name);
    }
  }
  for (Group& group : groups) {
    if (group.kind == GroupKind::unassigned) {
      continue;
    }
    const std::string base = sanitize_target_name(
        group.kind == GroupKind::name_prefix ? group.prefix : group.largest->table->name.name);
    std::string name = base;
    for (int suffix = 2; used.count(name) != 0; ++suffix) {
      name = fmt::format("{}_{}", base, suffix);
    }
    used.insert(name);
    group.name = std::move(name);
  }
}

std::string upper(std::string_view text) {
  std::string out;
  for (const char c : text) {
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

// --- Writing ---------------------------------------------------------------------------------

void write_header(std::string& out, const catalog::Catalog& catalog) {
  out += fmt::format(
      "# pgsplit mapping for the database {}, written by `pgsplit init`.\n"
      "#\n"
      "# Each target below is one group of tables linked by foreign keys, named after its\n"
      "# largest table. A table without foreign keys joins the group whose tables share its\n"
      "# name prefix (users_archive with users); such tables sharing a prefix among\n"
      "# themselves make a target named after it (billing_*); the others are in the target\n"
      "# `unassigned` (when more than one), last, to distribute by hand. Row counts are\n"
      "# estimates (from the table size until ANALYZE has run). It is a starting point:\n"
      "# review every group before `pgsplit plan`.\n"
      "#   - move a table to another target by moving its line; a foreign key between two\n"
      "#     targets is dropped (`pgsplit plan` lists every one)\n"
      "#   - merge small targets, or split a large one\n"
      "#   - rename a target, and its ${{…_URL}} variable, after the service that will own it\n"
      "#   - give a table to several targets with `replicate: true`, or divide its rows with\n"
      "#     `where:` (docs/mapping.md)\n"
      "# Partitions and inheritance children are not listed: they follow their parent table.\n"
      "# Every ${{VARIABLE}} must be set in the environment when pgsplit runs.\n",
      catalog.database.empty() ? std::string("(unnamed)") : comment_text(catalog.database));
}

void write_source(std::string& out, const catalog::Catalog& catalog, const InitOptions& options) {
  out += fmt::format("\nsource:\n  url: ${{{}}}\n", options.source_url_variable);
  if (!catalog.schemas.empty()) {
    std::vector<std::string> names;
    for (const catalog::Schema& schema : catalog.schemas) {
      names.push_back(yaml_scalar(escape_dollars(schema.name)));
    }
    out += fmt::format("  # schemas: [{}]  # default: every schema\n",
                       comment_text(fmt::format("{}", fmt::join(names, ", "))));
  }
}

void write_exclusions(std::string& out, const std::vector<const Table*>& version_tables) {
  if (!version_tables.empty()) {
    out += "\n# Migration version tables stay in the source automatically (record each target's\n"
           "# migrations with `stamp:` instead):\n";
    for (const Table* table : version_tables) {
      out += fmt::format("#   {} ({})\n", comment_text(table->name.to_string()),
                         version_table_tool(table->name.name));
    }
  }
  out += "\n# Tables to leave in the source, for example:\n"
         "# exclude:\n"
         "#   - 'public.tmp_*'\n";
}

void write_target(std::string& out, const Group& group) {
  std::string counts = render::count_of(std::ssize(group.roots), "table", "tables");
  if (group.descendants > 0) {
    counts += fmt::format(" (+ {})", render::count_of(group.descendants, "partition or child",
                                                      "partitions or children"));
  }
  out += fmt::format("\n  # {}, ~{}, {}; largest: {}\n", counts,
                     render::count_of(group.estimated_rows, "row", "rows"),
                     core::format_bytes(group.size_bytes),
                     comment_text(group.largest->table->name.to_string()));
  if (group.kind == GroupKind::name_prefix) {
    out += fmt::format("  # no foreign key links these tables: grouped by their name prefix {}_\n",
                       comment_text(group.prefix));
  } else if (group.kind == GroupKind::unassigned) {
    out += "  # TO DO: tables without foreign keys or a name prefix shared with other tables.\n"
           "  # Move each to the target of the service that owns it, then delete this target\n"
           "  # (or keep it: it is a valid target as it stands).\n";
  }
  out += fmt::format("  {}:\n    url: ${{{}_URL}}\n    tables:\n", yaml_scalar(group.name),
                     upper(group.name));
  for (const Root* root : group.roots) {
    const QualifiedName& name = root->table->name;
    out += fmt::format("      - {}", table_entry(name));
    if (config::has_glob_characters(name.schema) || config::has_glob_characters(name.name)) {
      out += "  # the name holds * or ?, which the mapping reads as a glob";
    } else if (!root->note.empty()) {
      out += fmt::format("  # {}", comment_text(root->note));
    }
    out += '\n';
  }
}

} // namespace

std::string init_mapping(const catalog::Catalog& catalog, const InitOptions& options) {
  std::vector<Root> roots;
  std::vector<const Table*> version_tables;
  std::map<Oid, std::size_t> root_index;
  for (const Table& table : catalog.tables) {
    if (root_of(catalog, table) != table.oid) {
      continue;
    }
    if (is_version_table(table.name.name)) {
      version_tables.push_back(&table);
      continue;
    }
    root_index[table.oid] = roots.size();
    roots.push_back(Root{&table, 0, 0, -1, {}});
  }
  if (roots.empty()) {
    // The operator pointed init at the wrong database or schema: a usage error (exit 2).
    throw core::UsageError(
        fmt::format("the database {} has no tables to split", catalog.database),
        "check the source URL, and that the tables are in schemas pgsplit reads");
  }
  for (const Table& table : catalog.tables) {
    const auto root = root_index.find(root_of(catalog, table));
    if (root != root_index.end()) {
      Root& entry = roots[root->second];
      entry.size_bytes += table.size_bytes;
      entry.estimated_rows += table.estimated_rows;
      ++entry.descendants; // counts the root itself too: started at -1
    }
  }
  std::sort(version_tables.begin(), version_tables.end(),
            [](const Table* a, const Table* b) { return a->name < b->name; });

  std::vector<Group> groups = group_tables(catalog, roots);
  name_groups(groups);

  std::string out;
  write_header(out, catalog);
  write_source(out, catalog, options);
  write_exclusions(out, version_tables);
  out += "\ntargets:";
  for (const Group& group : groups) {
    write_target(out, group);
  }
  return out;
}

} // namespace pgsplit::plan
