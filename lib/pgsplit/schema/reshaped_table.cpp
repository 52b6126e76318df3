#include <pgsplit/plan/projection.hpp>
#include <pgsplit/schema/ddl_steps.hpp>

#include <algorithm>

namespace pgsplit::schema::detail {
namespace {

// The column of the target: its new name and type. A converted column loses what belonged to
// its old type: collation, identity, storage and compression settings, and its default (the
// plan refuses a conversion of a column with a default, except a uuid key's sequence).
catalog::Column reshaped_column(const catalog::Column& column,
                                const plan::ProjectedColumn& projected, bool uuid_key) {
  catalog::Column result = column;
  result.name = projected.name;
  result.used_by.clear();
  if (!projected.converted) {
    return result;
  }
  result.type = projected.type;
  result.type_oid = 0;
  result.collation.reset();
  result.identity = '\0';
  result.identity_sequence.reset();
  result.storage = '\0';
  result.compression = '\0';
  result.default_expression.reset();
  if (uuid_key) {
    result.default_expression = "gen_random_uuid()"; // in core since PostgreSQL 13
  }
  return result;
}

bool is_uuid_key(const catalog::Table& table, const plan::PlacedTable& placed,
                 const std::string& column) {
  return placed.key_uuid && plan::key_column(table) == column;
}

} // namespace

catalog::Table reshaped_table(const catalog::Table& source, const plan::PlacedTable& placed) {
  catalog::Table table = source;
  table.columns.clear();
  const auto projected = plan::project_columns(source, placed);
  for (const auto& column : source.columns) {
    const auto found = std::find_if(projected.begin(), projected.end(),
                                    [&](const auto& p) { return p.source == column.name; });
    if (found != projected.end()) {
      table.columns.push_back(
          reshaped_column(column, *found, is_uuid_key(source, placed, column.name)));
    }
  }
  for (auto& constraint : table.constraints) {
    for (auto& column : constraint.columns) {
      column = plan::target_column_name(placed, column);
    }
  }
  table.access = plan::target_access(placed, source.access);
  return table;
}

} // namespace pgsplit::schema::detail
