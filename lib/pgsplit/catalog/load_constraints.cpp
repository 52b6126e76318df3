#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/row_values.hpp>

#include <algorithm>

namespace pgsplit::catalog::detail {
namespace {

// Primary keys, unique, foreign key, check and exclusion constraints of the selected tables
// (NOT NULL is pg_attribute.attnotnull in PostgreSQL 15). Key columns come as attnums (named
// from the table's loaded columns); a foreign key's referenced columns by name, in confkey
// order. conindid of a foreign key is the referenced table's index: only p/u/x own theirs.
constexpr std::string_view constraints_query = R"(
  SELECT k.oid, k.conrelid AS table_oid, k.conname AS name, k.contype AS kind,
         pg_get_constraintdef(k.oid) AS definition,
         array_to_json(k.conkey) AS column_numbers,
         k.condeferrable AS deferrable, k.condeferred AS deferred,
         k.convalidated AS validated, k.conislocal AS is_local,
         CASE WHEN k.contype IN ('p', 'u', 'x') THEN k.conindid END AS index_oid,
         CASE WHEN k.contype = 'f' THEN k.confrelid END AS referenced_table,
         referenced.names AS referenced_columns,
         ds.description AS comment
  FROM pg_constraint k
  JOIN pg_class c ON c.oid = k.conrelid
  LEFT JOIN (SELECT f.oid, json_agg(a.attname ORDER BY u.position) AS names
             FROM pg_constraint f
             CROSS JOIN unnest(f.confkey) WITH ORDINALITY AS u (number, position)
             JOIN pg_attribute a ON a.attrelid = f.confrelid AND a.attnum = u.number
             WHERE f.contype = 'f'
             GROUP BY f.oid) referenced ON referenced.oid = k.oid
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_constraint'::regclass AND ds.objoid = k.oid
                             AND ds.objsubid = 0
  WHERE c.relnamespace = ANY ($1::oid[]) AND c.relkind IN ('r', 'p', 'f')
    AND k.contype IN ('p', 'u', 'f', 'c', 'x')
  ORDER BY k.conrelid, k.conname)";

ConstraintKind constraint_kind(char contype) {
  switch (contype) {
  case 'p':
    return ConstraintKind::primary_key;
  case 'u':
    return ConstraintKind::unique;
  case 'f':
    return ConstraintKind::foreign_key;
  case 'x':
    return ConstraintKind::exclusion;
  default:
    return ConstraintKind::check;
  }
}

// The names of `numbers` among the table's columns, in that order.
std::vector<std::string> column_names(const Table& table, const std::vector<int>& numbers) {
  std::vector<std::string> names;
  names.reserve(numbers.size());
  for (const int number : numbers) {
    const auto found =
        std::find_if(table.columns.begin(), table.columns.end(),
                     [number](const Column& column) { return column.number == number; });
    if (found != table.columns.end()) {
      names.push_back(found->name);
    }
  }
  return names;
}

Constraint read_constraint(const pg::Result& result, int row, const Table& table) {
  Constraint constraint;
  constraint.oid = oid_value(result, row, "oid");
  constraint.name = result.text(row, "name");
  constraint.kind = constraint_kind(char_value(result, row, "kind"));
  constraint.definition = result.text(row, "definition");
  constraint.columns = column_names(table, json_integers(result, row, "column_numbers"));
  constraint.deferrable = result.boolean(row, "deferrable");
  constraint.deferred = result.boolean(row, "deferred");
  constraint.validated = result.boolean(row, "validated");
  constraint.is_local = result.boolean(row, "is_local");
  constraint.index = optional_oid(result, row, "index_oid");
  constraint.referenced_table = optional_oid(result, row, "referenced_table");
  constraint.referenced_columns = json_strings(result, row, "referenced_columns");
  constraint.comment = result.optional_text(row, "comment");
  return constraint;
}

} // namespace

void load_constraints(const Scope& scope, const Relations& relations) {
  const auto result = scope.query(constraints_query);
  for (int row = 0; row < result.rows(); ++row) {
    if (Table* table = relations.tables.find(oid_value(result, row, "table_oid"))) {
      table->constraints.push_back(read_constraint(result, row, *table));
    }
  }
}

} // namespace pgsplit::catalog::detail
