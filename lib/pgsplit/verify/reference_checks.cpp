#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/copy_stream.hpp>
#include <pgsplit/pg/sqlstate.hpp>
#include <pgsplit/plan/projection.hpp>
#include <pgsplit/verify/reference_checks.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace pgsplit::verify {
namespace {

bool next_key(LineSource& source, std::string& line, Key& key) {
  if (!source.next(line)) {
    return false;
  }
  key.clear();
  for (auto& field : decode_copy_line(line)) {
    key.push_back(field.value_or(""));
  }
  return true;
}

const plan::PlacedTable* placement_in(const plan::Plan& plan, const std::string& target,
                                      catalog::Oid table) {
  const auto* found = plan.find_target(target);
  if (found == nullptr) {
    return nullptr;
  }
  const auto placed =
      std::find_if(found->tables.begin(), found->tables.end(),
                   [&](const plan::PlacedTable& each) { return each.table == table; });
  return placed == found->tables.end() ? nullptr : &*placed;
}

const catalog::Column* column_named(const catalog::Table* table, const std::string& name) {
  if (table == nullptr) {
    return nullptr;
  }
  const auto found =
      std::find_if(table->columns.begin(), table->columns.end(),
                   [&](const catalog::Column& column) { return column.name == name; });
  return found == table->columns.end() ? nullptr : &*found;
}

// The child's columns are cast to the parent's type when the two differ and the parent's is a
// built-in type (format_type qualifies every other type, which the child's target may lack).
std::vector<std::optional<std::string>> casts_for(const plan::CrossTargetForeignKey& key,
                                                  const catalog::Table* child,
                                                  const catalog::Table* parent) {
  std::vector<std::optional<std::string>> casts;
  for (std::size_t i = 0; i < key.child_columns.size(); ++i) {
    const auto* from = column_named(child, key.child_columns[i]);
    const auto* to =
        i < key.parent_columns.size() ? column_named(parent, key.parent_columns[i]) : nullptr;
    const bool cast = from != nullptr && to != nullptr && from->type != to->type &&
                      to->type.find('.') == std::string::npos;
    casts.push_back(cast ? std::optional<std::string>(to->type) : std::nullopt);
  }
  return casts;
}

std::vector<std::string> quoted(pg::Connection& connection, const std::vector<std::string>& names) {
  std::vector<std::string> result;
  for (const auto& name : names) {
    result.push_back(connection.quote_ident(name));
  }
  return result;
}

std::string key_text(const Key& key) { return fmt::format("({})", fmt::join(key, ", ")); }

std::string object_of(const plan::CrossTargetForeignKey& key) {
  return fmt::format("{} ({})", key.child.to_string(), key.name);
}

} // namespace

OrphanCount count_orphans(LineSource& children, LineSource& parents, std::size_t examples) {
  OrphanCount count;
  std::string line;
  Key child;
  Key parent;
  bool have_parent = next_key(parents, line, parent);
  while (next_key(children, line, child)) {
    ++count.child_keys;
    while (have_parent && parent < child) {
      have_parent = next_key(parents, line, parent);
    }
    if (!have_parent || parent != child) {
      ++count.orphans;
      if (count.examples.size() < examples) {
        count.examples.push_back(child);
      }
    }
  }
  return count;
}

std::string distinct_keys_copy(const std::string& quoted_table,
                               const std::vector<std::string>& quoted_columns,
                               const std::vector<std::optional<std::string>>& casts, bool only) {
  std::vector<std::string> selected;
  std::vector<std::string> not_null;
  std::vector<std::string> positions;
  for (std::size_t i = 0; i < quoted_columns.size(); ++i) {
    const bool cast = i < casts.size() && casts[i].has_value();
    selected.push_back(
        fmt::format("({}){}::text COLLATE \"C\"", quoted_columns[i], cast ? "::" + *casts[i] : ""));
    not_null.push_back(quoted_columns[i] + " IS NOT NULL");
    positions.push_back(std::to_string(i + 1));
  }
  return fmt::format("COPY (SELECT DISTINCT {} FROM {}{} WHERE {} ORDER BY {}) TO STDOUT",
                     fmt::join(selected, ", "), only ? "ONLY " : "", quoted_table,
                     fmt::join(not_null, " AND "), fmt::join(positions, ", "));
}

std::vector<ReferenceJob> plan_reference_checks(const plan::Plan& plan,
                                                const catalog::Catalog& catalog,
                                                std::vector<Finding>& findings) {
  std::vector<ReferenceJob> jobs;
  for (const auto& key : plan.cross_target_foreign_keys) {
    const auto* child = placement_in(plan, key.child_target, key.child_table);
    const auto* parent = key.parent_target.empty()
                             ? nullptr
                             : placement_in(plan, key.parent_target, key.parent_table);
    if (child == nullptr || parent == nullptr || key.parent_target == key.child_target) {
      findings.push_back({CheckKind::reference, Outcome::not_checked, key.child_target,
                          object_of(key),
                          fmt::format("not checkable: the parent {} is not copied to any target",
                                      key.parent.to_string())});
      continue;
    }
    const auto* child_table = catalog.find_table(key.child_table);
    const auto* parent_table = catalog.find_table(key.parent_table);
    const auto partitioned = [](const catalog::Table* table) {
      return table != nullptr && table->kind == catalog::TableKind::partitioned_table;
    };
    auto casts = casts_for(key, child_table, parent_table);
    std::vector<std::string> child_columns;
    for (std::size_t i = 0; i < key.child_columns.size(); ++i) {
      child_columns.push_back(plan::target_column_name(*child, key.child_columns[i]));
      if (child->reshaped() && i < casts.size()) {
        casts[i].reset(); // a uuid reference, or a converted column: compared as copied
      }
    }
    std::vector<std::string> parent_columns;
    for (const auto& column : key.parent_columns) {
      parent_columns.push_back(plan::target_column_name(*parent, column));
    }
    jobs.push_back({&key, child->target_name, parent->target_name, std::move(casts),
                    partitioned(child_table), partitioned(parent_table), std::move(child_columns),
                    std::move(parent_columns)});
  }
  return jobs;
}

std::optional<Finding> check_reference(pg::Connection& child_target, pg::Connection& parent_target,
                                       const ReferenceJob& job) {
  const auto& key = *job.key;
  Finding finding{CheckKind::reference, Outcome::mismatch, key.child_target, object_of(key), {}};
  try {
    pg::CopyOut child_stream(child_target,
                             distinct_keys_copy(child_target.quote_qualified(job.child_table.schema,
                                                                             job.child_table.name),
                                                quoted(child_target, job.child_columns), job.casts,
                                                !job.child_partitioned));
    pg::CopyOut parent_stream(
        parent_target,
        distinct_keys_copy(
            parent_target.quote_qualified(job.parent_table.schema, job.parent_table.name),
            quoted(parent_target, job.parent_columns), {}, !job.parent_partitioned));
    CopyLineReader children(child_stream);
    CopyLineReader parents(parent_stream);
    const auto count = count_orphans(children, parents);
    child_stream.finish();
    parent_stream.finish();
    if (count.orphans == 0) {
      return std::nullopt;
    }
    std::vector<std::string> shown;
    for (const auto& example : count.examples) {
      shown.push_back(key_text(example));
    }
    finding.message = fmt::format(
        "{} of {} distinct ({}) values have no parent row in {} ({}) of target {}, e.g. {}",
        format_count(count.orphans), format_count(count.child_keys),
        fmt::join(key.child_columns, ", "), job.parent_table.to_string(),
        fmt::join(key.parent_columns, ", "), key.parent_target, fmt::join(shown, ", "));
  } catch (const core::SqlError& error) {
    if (pg::sqlstate::class_of(error.sqlstate()) != "42") {
      throw;
    }
    finding.message = fmt::format("cannot read the keys: {}", error.details().message);
  }
  return finding;
}

} // namespace pgsplit::verify
