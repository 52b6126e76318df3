#include <pgsplit/core/error.hpp>
#include <pgsplit/online/table_shapes.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/pg/quote.hpp>

#include <fmt/format.h>

#include <map>

namespace pgsplit::online {
namespace {

using Columns = std::map<std::string, std::string>; // name → type

Columns target_columns(pg::Connection& target, const catalog::QualifiedName& table) {
  const auto rows = target.exec(
      "SELECT attname::text AS name, format_type(atttypid, atttypmod) AS type "
      "FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped",
      {pg::quote_qualified(table.schema, table.name)});
  Columns columns;
  for (int row = 0; row < rows.rows(); ++row) {
    columns.emplace(rows.text(row, "name"), rows.text(row, "type"));
  }
  return columns;
}

std::string first_difference(const Columns& source, const Columns& target) {
  for (const auto& [name, type] : source) {
    const auto found = target.find(name);
    if (found == target.end()) {
      return fmt::format("column {} ({}) is in the source table, not in the target", name, type);
    }
    if (found->second != type) {
      return fmt::format("column {} is {} in the source, {} in the target", name, type,
                         found->second);
    }
  }
  for (const auto& [name, type] : target) {
    if (!source.contains(name)) {
      return fmt::format("column {} ({}) is in the target table, no longer in the source", name,
                         type);
    }
  }
  return {};
}

} // namespace

void check_table_shapes(const config::Mapping& mapping, const catalog::Catalog& catalog,
                        const plan::Plan& plan) {
  std::vector<std::string> problems;
  for (std::size_t index = 0; index < plan.targets.size(); ++index) {
    const auto& target_plan = plan.targets[index];
    auto target = pg::Connection::open(mapping.targets[index].url,
                                       {.application_name = "pgsplit cutover", .read_only = true});
    target.exec("SET search_path = ''"); // types qualified, as the catalog reads them
    for (const auto& placed : target_plan.tables) {
      const auto* table = catalog.find_table(placed.table);
      Columns source;
      for (const auto& column : table->columns) {
        source.emplace(column.name, column.type);
      }
      const auto difference = first_difference(source, target_columns(target, placed.target_name));
      if (!difference.empty()) {
        problems.push_back(fmt::format("target {}, table {}: {}", target_plan.name,
                                       placed.target_name.to_string(), difference));
      }
    }
  }
  if (!problems.empty()) {
    throw core::UsageError(
        fmt::format("tables changed shape since `apply --online` (DDL is not replicated):\n  {}",
                    fmt::join(problems, "\n  ")),
        "nothing was changed; apply the same DDL to each target table, check `pgsplit status`, "
        "then run `pgsplit cutover` again");
  }
}

} // namespace pgsplit::online
