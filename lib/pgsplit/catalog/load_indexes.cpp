#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/row_values.hpp>

namespace pgsplit::catalog::detail {
namespace {

// Indexes of the selected tables and materialized views. An index created through a primary
// key, unique or exclusion constraint is that constraint's conindid; an index of a partition
// attached to its partitioned table's index has that one as pg_inherits parent.
constexpr std::string_view indexes_query = R"(
  SELECT x.indexrelid AS oid, x.indrelid AS relation_oid, i.relname AS name,
         pg_get_indexdef(x.indexrelid) AS definition,
         x.indisunique AS is_unique, x.indisprimary AS is_primary,
         k.oid IS NOT NULL AS backs_constraint,
         h.inhparent AS parent_index,
         ds.description AS comment
  FROM pg_index x
  JOIN pg_class i ON i.oid = x.indexrelid
  JOIN pg_class c ON c.oid = x.indrelid
  LEFT JOIN pg_constraint k ON k.conindid = x.indexrelid AND k.conrelid = x.indrelid
                           AND k.contype IN ('p', 'u', 'x')
  LEFT JOIN pg_inherits h ON h.inhrelid = x.indexrelid
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_class'::regclass AND ds.objoid = x.indexrelid
                             AND ds.objsubid = 0
  WHERE c.relnamespace = ANY ($1::oid[]) AND c.relkind IN ('r', 'p', 'f', 'm')
  ORDER BY x.indrelid, i.relname)";

Index read_index(const pg::Result& result, int row) {
  Index index;
  index.oid = oid_value(result, row, "oid");
  index.name = result.text(row, "name");
  index.definition = result.text(row, "definition");
  index.is_unique = result.boolean(row, "is_unique");
  index.is_primary = result.boolean(row, "is_primary");
  index.backs_constraint = result.boolean(row, "backs_constraint");
  index.parent_index = optional_oid(result, row, "parent_index");
  index.comment = result.optional_text(row, "comment");
  return index;
}

} // namespace

void load_indexes(const Scope& scope, const Relations& relations) {
  const auto result = scope.query(indexes_query);
  for (int row = 0; row < result.rows(); ++row) {
    const Oid relation = oid_value(result, row, "relation_oid");
    if (Table* table = relations.tables.find(relation)) {
      table->indexes.push_back(read_index(result, row));
    } else if (View* view = relations.views.find(relation)) {
      view->indexes.push_back(read_index(result, row));
    }
  }
}

} // namespace pgsplit::catalog::detail
