#include <pgsplit/schema/ddl_steps.hpp>

#include <fmt/format.h>

namespace pgsplit::schema::detail {
namespace {

// The column list of CREATE TABLE, one column a line; an inheritance child without columns of
// its own gets `()`.
std::string column_list(const Context& context, const TargetTable& table) {
  std::vector<std::string> columns;
  for (const auto& column : table.source->columns) {
    if (is_declared(context, *table.source, column)) {
      columns.push_back(column_definition(context, table, column,
                                          has_parent_column(context, *table.source, column)));
    }
  }
  if (columns.empty()) {
    return "()";
  }
  return fmt::format("(\n    {}\n)", fmt::join(columns, ",\n    "));
}

std::string inherits_clause(const Context& context, const catalog::Table& table) {
  std::vector<std::string> parents;
  for (const catalog::Oid parent : table.inherits) {
    if (context.is_placed(parent)) {
      parents.push_back(context.quoted(parent));
    }
  }
  return parents.empty() ? std::string() : fmt::format(" INHERITS ({})", fmt::join(parents, ", "));
}

bool is_partition_here(const Context& context, const catalog::Table& table) {
  return table.partition_parent && table.partition_bound &&
         context.is_placed(*table.partition_parent);
}

} // namespace

std::vector<const catalog::Table*> created_parents(const Context& context,
                                                   const catalog::Table& table) {
  std::vector<catalog::Oid> oids = table.inherits;
  if (table.partition_parent) {
    oids.insert(oids.begin(), *table.partition_parent);
  }
  std::vector<const catalog::Table*> parents;
  for (const catalog::Oid oid : oids) {
    const auto* parent = context.catalog().find_table(oid);
    if (parent != nullptr && context.is_placed(oid)) {
      parents.push_back(parent);
    }
  }
  return parents;
}

// CREATE TABLE with its columns (attnum order), NOT NULL, defaults, identity, generated
// columns and collations; a partition as PARTITION OF its parent with the source's bound; an
// inheritance child with only the columns it declares itself. No index and no constraint
// besides NOT NULL: those are post-data.
void add_table(std::vector<Statement>& out, const Context& context, const TargetTable& table) {
  const catalog::Table& source = *table.source;
  std::string sql =
      fmt::format("CREATE {}TABLE {}", source.unlogged ? "UNLOGGED " : "", context.quoted(table));
  if (is_partition_here(context, source)) {
    sql += fmt::format(" PARTITION OF {} {}", context.quoted(*source.partition_parent),
                       *source.partition_bound);
  } else {
    sql += " " + column_list(context, table) + inherits_clause(context, source);
  }
  if (source.partition_key) {
    sql += " PARTITION BY " + context.rewrite(table, *source.partition_key);
  }
  sql += storage_parameters(source);
  const bool partitioned = source.kind == catalog::TableKind::partitioned_table;
  out.push_back(
      statement(std::move(sql), fmt::format("{} {}", partitioned ? "partitioned table" : "table",
                                            table.placed->target_name.to_string())));
  add_inherited_column_changes(out, context, table);
  add_column_storage(out, context, table);
  add_table_comments(out, context, table);
}

} // namespace pgsplit::schema::detail
