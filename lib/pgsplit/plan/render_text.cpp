#include <pgsplit/core/byte_size.hpp>
#include <pgsplit/plan/projection.hpp>
#include <pgsplit/plan/render_common.hpp>
#include <pgsplit/plan/render_text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <set>
#include <string_view>
#include <vector>

namespace pgsplit::plan {
namespace {

using core::format_bytes;
using render::count_of;
using render::display_width;
using render::format_count;

constexpr std::size_t line_width = 100;
constexpr std::size_t rows_width = 13; // " 1,234,567,890"
constexpr std::size_t size_width = 10; // "  123.4 MB"

std::string pad_right(std::string text, std::size_t width) {
  const std::size_t used = display_width(text);
  if (used < width) {
    text.append(width - used, ' ');
  }
  return text;
}

std::string pad_left(const std::string& text, std::size_t width) {
  const std::size_t used = display_width(text);
  return used < width ? std::string(width - used, ' ') + text : text;
}

// "label: a, b, c" wrapped at the line width; continuation lines are indented under the first
// item. An item is never split.
void append_list(std::string& out, std::string_view indent, std::string_view label,
                 const std::vector<std::string>& items) {
  if (items.empty()) {
    return;
  }
  std::string line = fmt::format("{}{}: ", indent, label);
  const std::size_t hanging = display_width(line);
  bool first_on_line = true;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string item = items[i] + (i + 1 < items.size() ? "," : "");
    if (!first_on_line && display_width(line) + 1 + display_width(item) > line_width) {
      out += line + '\n';
      line = std::string(hanging, ' ');
      first_on_line = true;
    }
    line += (first_on_line ? "" : " ") + item;
    first_on_line = false;
  }
  out += line + '\n';
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    out += (out.empty() ? "" : std::string(separator)) + item;
  }
  return out;
}

std::string columns(const std::vector<std::string>& names) {
  return fmt::format("({})", join(names, ", "));
}

// `child(cols) → parent(cols) [target] (constraint)`
std::string describe_foreign_key(const CrossTargetForeignKey& key) {
  const std::string target = key.parent_target.empty() ? "not copied" : key.parent_target;
  return fmt::format("{}{} → {}{} [{}] ({})", key.child.to_string(), columns(key.child_columns),
                     key.parent.to_string(), columns(key.parent_columns), target, key.name);
}

// How deep a partition / inheritance child sits under its mapped root (1 = directly under it).
int depth_under(const catalog::Catalog& catalog, Oid table, Oid root) {
  int depth = 1;
  const catalog::Table* current = catalog.find_table(table);
  while (current != nullptr && depth < 16) {
    const std::optional<Oid> parent = current->partition_parent ? current->partition_parent
                                      : current->inherits.empty()
                                          ? std::nullopt
                                          : std::optional<Oid>(current->inherits.front());
    if (!parent || *parent == root) {
      return depth;
    }
    current = catalog.find_table(*parent);
    ++depth;
  }
  return depth;
}

std::string table_flags(const PlacedTable& placed, const catalog::Catalog& catalog) {
  std::vector<std::string> flags;
  const catalog::Table* table = catalog.find_table(placed.table);
  if (table != nullptr) {
    if (table->kind == catalog::TableKind::partitioned_table) {
      flags.emplace_back("partitioned");
    } else if (table->kind == catalog::TableKind::foreign_table) {
      flags.emplace_back("foreign");
    }
    if (placed.root) {
      flags.emplace_back(table->partition_parent ? "partition" : "child");
    }
  }
  if (placed.replicate) {
    flags.emplace_back("replicate");
  }
  return flags.empty() ? std::string() : fmt::format(" [{}]", join(flags, ", "));
}

struct TableLine {
  std::string left; // indent, name, rename, flags
  const PlacedTable* placed = nullptr;
  std::size_t indent = 0;
};

// The target's tables in display order: each root followed by its partitions/children.
std::vector<TableLine> table_lines(const TargetPlan& target, const catalog::Catalog& catalog) {
  std::set<Oid> roots;
  for (const PlacedTable& placed : target.tables) {
    if (!placed.root) {
      roots.insert(placed.table);
    }
  }
  std::vector<TableLine> lines;
  auto add = [&](const PlacedTable& placed, std::size_t indent, std::string suffix) {
    std::string left = std::string(indent, ' ') + placed.source_name.to_string();
    if (placed.target_name != placed.source_name) {
      left += fmt::format(" → {}", placed.target_name.to_string());
    }
    left += table_flags(placed, catalog) + suffix;
    lines.push_back(TableLine{std::move(left), &placed, indent});
  };
  for (const PlacedTable& root : target.tables) {
    if (root.root) {
      continue;
    }
    add(root, 0, {});
    for (const PlacedTable& child : target.tables) {
      if (child.root == root.table) {
        add(child, 2 * static_cast<std::size_t>(depth_under(catalog, child.table, root.table)), {});
      }
    }
  }
  // A child whose root is not in this target (the planner should not produce one).
  for (const PlacedTable& child : target.tables) {
    if (child.root && roots.count(*child.root) == 0) {
      add(child, 2, fmt::format(" (of {})", render::table_name(catalog, *child.root)));
    }
  }
  return lines;
}

// The columns a reshaped table drops, renames or converts, one a line under the table.
void append_reshaping(std::string& out, const PlacedTable& placed, const catalog::Catalog& catalog,
                      std::size_t indent) {
  const auto* table = catalog.find_table(placed.table);
  if (!placed.reshaped() || table == nullptr) {
    return;
  }
  for (const auto& line : describe_reshaping(*table, placed)) {
    out += fmt::format("  {}    column {}\n", std::string(indent, ' '), line);
  }
}

void append_tables(std::string& out, const TargetPlan& target, const catalog::Catalog& catalog) {
  const std::vector<TableLine> lines = table_lines(target, catalog);
  if (lines.empty()) {
    out += "  (no tables)\n";
    return;
  }
  const std::size_t indent = 2;
  std::size_t name_width = display_width("tables");
  for (const TableLine& line : lines) {
    name_width = std::max(name_width, display_width(line.left));
  }
  name_width = std::min(name_width, line_width - indent - rows_width - size_width);
  out += fmt::format("  {}{}{}\n", pad_right("tables", name_width), pad_left("rows", rows_width),
                     pad_left("size", size_width));
  for (const TableLine& line : lines) {
    out += fmt::format("  {}{}{}\n", pad_right(line.left, name_width),
                       pad_left(format_count(line.placed->estimated_rows), rows_width),
                       pad_left(format_bytes(line.placed->size_bytes), size_width));
    if (line.placed->where) {
      out += fmt::format("  {}    where {}\n", std::string(line.indent, ' '), *line.placed->where);
    }
    append_reshaping(out, *line.placed, catalog, line.indent);
  }
}

void append_creates(std::string& out, const TargetPlan& target, const catalog::Catalog& catalog) {
  std::vector<std::string> extensions;
  for (const Oid oid : target.extensions) {
    extensions.push_back(render::extension_name(catalog, oid));
  }
  std::vector<std::string> types;
  for (const Oid oid : target.types) {
    const catalog::Type* type = catalog.find_type(oid);
    types.push_back(type == nullptr ? render::type_name(catalog, oid)
                                    : fmt::format("{} ({})", type->name.to_string(),
                                                  render::type_kind_name(type->kind)));
  }
  std::vector<std::string> sequences;
  for (const Oid oid : target.sequences) {
    sequences.push_back(render::sequence_name(catalog, oid));
  }
  std::vector<std::string> functions;
  for (const Oid oid : target.functions) {
    functions.push_back(fmt::format("{}({})", render::function_name(catalog, oid),
                                    render::function_arguments(catalog, oid)));
  }
  std::vector<std::string> views;
  for (const Oid oid : target.views) {
    views.push_back(render::view_name(catalog, oid) +
                    (render::is_materialized(catalog, oid) ? " (materialized)" : ""));
  }
  std::vector<std::string> objects;
  for (const catalog::ObjectRef& ref : target.objects) {
    const auto [kind, name] = render::object_label(catalog, ref);
    objects.push_back(fmt::format("{} {}", kind, name));
  }
  if (target.schemas.empty() && extensions.empty() && types.empty() && sequences.empty() &&
      functions.empty() && views.empty() && objects.empty()) {
    return;
  }
  out += "  creates:\n";
  append_list(out, "    ", "schemas", target.schemas);
  append_list(out, "    ", "extensions", extensions);
  append_list(out, "    ", "types", types);
  append_list(out, "    ", "sequences", sequences);
  append_list(out, "    ", "functions", functions);
  append_list(out, "    ", "views", views);
  append_list(out, "    ", "objects", objects);
}

void append_stamps(std::string& out, const TargetPlan& target) {
  if (!target.stamp_summaries.empty()) {
    out += "  stamps:\n";
    for (const std::string& summary : target.stamp_summaries) {
      out += fmt::format("    {}\n", summary);
    }
    return;
  }
  // Stamps whose versions were not computed (no facts): say what was asked for.
  if (!target.stamps.empty()) {
    out += "  stamps:\n";
    for (const config::StampEntry& stamp : target.stamps) {
      std::string line = std::string(config::to_string(stamp.tool));
      if (!stamp.table.empty()) {
        line +=
            fmt::format(" {}{}", stamp.schema ? *stamp.schema + "." : std::string(), stamp.table);
      }
      if (!stamp.version.empty()) {
        line += fmt::format(" ({})", stamp.version);
      }
      out += fmt::format("    {}\n", line);
    }
  }
}

void append_target(std::string& out, const TargetPlan& target, const catalog::Catalog& catalog) {
  out += fmt::format("\n== target {} → {}{}\n", target.name, target.url_description,
                     target.create_database ? " (create database)" : "");
  append_tables(out, target, catalog);
  append_creates(out, target, catalog);
  append_stamps(out, target);
  // A key whose parent is in this very target was dropped by the entry's drop_foreign_keys.
  for (const bool crossing : {true, false}) {
    std::string lines;
    for (const CrossTargetForeignKey& key : target.dropped_foreign_keys) {
      if ((key.parent_target != target.name) == crossing) {
        lines += fmt::format("    {}\n", describe_foreign_key(key));
      }
    }
    if (!lines.empty()) {
      out += crossing ? "  cross-target foreign keys dropped:\n"
                      : "  foreign keys dropped by drop_foreign_keys:\n";
      out += lines;
    }
  }
  out +=
      fmt::format("  total: {}, {}, {}\n", count_of(std::ssize(target.tables), "table", "tables"),
                  count_of(target.estimated_rows, "row", "rows"), format_bytes(target.size_bytes));
}

// Cross-target foreign keys that no target lists as dropped (when they are refused instead).
void append_other_foreign_keys(std::string& out, const Plan& plan) {
  std::set<Oid> dropped;
  for (const TargetPlan& target : plan.targets) {
    for (const CrossTargetForeignKey& key : target.dropped_foreign_keys) {
      dropped.insert(key.constraint);
    }
  }
  std::vector<std::string> lines;
  for (const CrossTargetForeignKey& key : plan.cross_target_foreign_keys) {
    if (dropped.count(key.constraint) == 0) {
      lines.push_back(describe_foreign_key(key));
    }
  }
  if (lines.empty()) {
    return;
  }
  out += "\ncross-target foreign keys (not dropped):\n";
  for (const std::string& line : lines) {
    out += fmt::format("  {}\n", line);
  }
}

void append_left_behind(std::string& out, const Plan& plan) {
  std::vector<std::pair<std::string, std::string>> rows; // name, why
  for (const bool version_tables : {false, true}) {
    for (const ExcludedTable& table : plan.excluded) {
      if (table.version_table == version_tables) {
        rows.emplace_back(table.name.to_string(), table.why);
      }
    }
  }
  for (const LeftBehindView& view : plan.views_left_behind) {
    rows.emplace_back(fmt::format("{} {}", view.materialized ? "materialized view" : "view",
                                  view.name.to_string()),
                      view.reason);
  }
  for (const LeftBehindObject& object : plan.objects_left_behind) {
    rows.emplace_back(fmt::format("{} {}", object.kind, object.name), "needed by no target");
  }
  if (rows.empty()) {
    return;
  }
  std::size_t width = 0;
  for (const auto& row : rows) {
    width = std::max(width, display_width(row.first));
  }
  width = std::min<std::size_t>(width, 50);
  out += "\nleft behind in the source:\n";
  for (const auto& [name, why] : rows) {
    out += why.empty() ? fmt::format("  {}\n", name)
                       : fmt::format("  {}  {}\n", pad_right(name, width), why);
  }
}

void append_shared_sequences(std::string& out, const Plan& plan) {
  if (plan.shared_sequences.empty()) {
    return;
  }
  out += "\nshared sequences (each target gets its own copy):\n";
  for (const SharedSequence& sequence : plan.shared_sequences) {
    out += fmt::format("  {} → {}\n", sequence.name.to_string(), join(sequence.targets, ", "));
  }
}

// Every diagnostic of one severity, each line indented, the first prefixed by the severity.
void append_findings(std::string& out, const Plan& plan, Severity severity) {
  const std::string_view word = severity == Severity::error ? "error" : "warning";
  bool heading = false;
  for (const Finding& finding : plan.findings) {
    if (finding.severity != severity) {
      continue;
    }
    if (!heading) {
      out += fmt::format("\n{}s:\n", word);
      heading = true;
    }
    const std::string text = finding.diagnostic.to_string();
    std::size_t start = 0;
    bool first = true;
    while (start <= text.size()) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      const std::string_view line = std::string_view(text).substr(start, end - start);
      out += first ? fmt::format("  {}: {}\n", word, line) : fmt::format("  {}\n", line);
      first = false;
      start = end + 1;
    }
  }
}

std::string verdict(const Plan& plan) {
  const std::size_t errors = render::error_count(plan);
  if (errors > 0) {
    return fmt::format("plan has {} (nothing was written)",
                       count_of(static_cast<std::int64_t>(errors), "error", "errors"));
  }
  return fmt::format(
      "plan OK: {}, {}, 0 errors, {}", count_of(std::ssize(plan.targets), "target", "targets"),
      count_of(static_cast<std::int64_t>(render::placed_table_count(plan)), "table", "tables"),
      count_of(static_cast<std::int64_t>(render::warning_count(plan)), "warning", "warnings"));
}

} // namespace

std::string render_text(const Plan& plan, const catalog::Catalog& catalog) {
  std::string out = fmt::format("pgsplit plan: source {}", plan.source_description);
  if (!plan.source_database.empty()) {
    out += fmt::format(" (database {})", plan.source_database);
  }
  out += '\n';
  for (const TargetPlan& target : plan.targets) {
    append_target(out, target, catalog);
  }
  out += fmt::format(
      "\ntotal: {}, {}, {} (estimated), {}\n",
      count_of(std::ssize(plan.targets), "target", "targets"),
      count_of(static_cast<std::int64_t>(render::placed_table_count(plan)), "table", "tables"),
      count_of(render::total_rows(plan), "row", "rows"), format_bytes(render::total_bytes(plan)));
  append_other_foreign_keys(out, plan);
  append_left_behind(out, plan);
  append_shared_sequences(out, plan);
  append_findings(out, plan, Severity::warning);
  append_findings(out, plan, Severity::error);
  out += '\n' + verdict(plan) + '\n';
  return out;
}

} // namespace pgsplit::plan
