#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/row_values.hpp>

#include <algorithm>

namespace pgsplit::catalog::detail {
namespace {

// Column-level pg_depend edges onto the selected tables' columns: who uses each column. A
// default depends on its own column ('a') and a generated column's expression on the columns
// it reads; a view's rewrite rule (_RETURN) on every column it reads, and so does a rule of
// another table whose action reads it ('rule', named by the rule); an index, constraint or
// statistics object on its key columns, expressions included. A serial's OWNED BY sequence is not a
// use, nor are internal triggers (those of foreign keys: the constraint is the use).
constexpr std::string_view column_uses_query = R"(
  SELECT d.refobjid AS table_oid, d.refobjsubid AS number,
         CASE
           WHEN d.classid = 'pg_class'::regclass AND rc.relkind IN ('i', 'I') THEN 'index'
           WHEN d.classid = 'pg_constraint'::regclass THEN 'constraint'
           WHEN d.classid = 'pg_attrdef'::regclass AND ad.adnum = d.refobjsubid THEN 'default'
           WHEN d.classid = 'pg_attrdef'::regclass THEN 'generated'
           WHEN d.classid = 'pg_rewrite'::regclass AND rw.ev_class <> d.refobjid
                AND rw.rulename = '_RETURN' THEN 'view'
           WHEN d.classid = 'pg_rewrite'::regclass THEN 'rule'
           WHEN d.classid = 'pg_trigger'::regclass THEN 'trigger'
           WHEN d.classid = 'pg_policy'::regclass THEN 'policy'
           WHEN d.classid = 'pg_statistic_ext'::regclass THEN 'statistics'
           ELSE 'other'
         END AS kind,
         CASE WHEN d.classid = 'pg_rewrite'::regclass THEN rw.ev_class ELSE d.objid END
           AS object,
         coalesce(rc.relname, co.conname, ga.attname, vn.nspname || '.' || vc.relname,
                  rw.rulename, tg.tgname, po.polname, st.stxname,
                  pg_describe_object(d.classid, d.objid, d.objsubid)) AS name
  FROM pg_depend d
  JOIN pg_class c ON c.oid = d.refobjid
  LEFT JOIN pg_class rc ON d.classid = 'pg_class'::regclass AND rc.oid = d.objid
  LEFT JOIN pg_constraint co ON d.classid = 'pg_constraint'::regclass AND co.oid = d.objid
  LEFT JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid
  LEFT JOIN pg_attribute ga ON ad.adnum <> d.refobjsubid AND ga.attrelid = ad.adrelid
                           AND ga.attnum = ad.adnum
  LEFT JOIN pg_rewrite rw ON d.classid = 'pg_rewrite'::regclass AND rw.oid = d.objid
  LEFT JOIN pg_class vc ON rw.ev_class <> d.refobjid AND rw.rulename = '_RETURN'
                       AND vc.oid = rw.ev_class
  LEFT JOIN pg_namespace vn ON vn.oid = vc.relnamespace
  LEFT JOIN pg_trigger tg ON d.classid = 'pg_trigger'::regclass AND tg.oid = d.objid
  LEFT JOIN pg_policy po ON d.classid = 'pg_policy'::regclass AND po.oid = d.objid
  LEFT JOIN pg_statistic_ext st ON d.classid = 'pg_statistic_ext'::regclass AND st.oid = d.objid
  WHERE d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0
    AND c.relnamespace = ANY ($1::oid[]) AND c.relkind IN ('r', 'p', 'f')
    AND d.deptype IN ('n', 'a')
    AND (rc.relkind IS NULL OR rc.relkind IN ('i', 'I'))
    AND (tg.oid IS NULL OR NOT tg.tgisinternal)
  ORDER BY 1, 2, 3, 5)";

ColumnUseKind use_kind(const std::string& word) {
  static const std::vector<std::pair<std::string, ColumnUseKind>> kinds = {
      {"index", ColumnUseKind::index},
      {"constraint", ColumnUseKind::constraint},
      {"default", ColumnUseKind::default_value},
      {"generated", ColumnUseKind::generated_column},
      {"view", ColumnUseKind::view},
      {"rule", ColumnUseKind::rule},
      {"trigger", ColumnUseKind::trigger},
      {"policy", ColumnUseKind::policy},
      {"statistics", ColumnUseKind::statistics}};
  const auto found = std::find_if(kinds.begin(), kinds.end(),
                                  [&](const auto& kind) { return kind.first == word; });
  return found == kinds.end() ? ColumnUseKind::other : found->second;
}

} // namespace

void load_column_uses(const Scope& scope, const Relations& relations) {
  const auto result = scope.query(column_uses_query);
  for (int row = 0; row < result.rows(); ++row) {
    Table* table = relations.tables.find(oid_value(result, row, "table_oid"));
    if (table == nullptr) {
      continue;
    }
    const auto number = static_cast<int>(result.int64(row, "number"));
    auto column = std::find_if(table->columns.begin(), table->columns.end(),
                               [&](const Column& found) { return found.number == number; });
    if (column == table->columns.end()) {
      continue;
    }
    ColumnUse use{use_kind(result.text(row, "kind")), oid_value(result, row, "object"),
                  result.text(row, "name")};
    const bool seen =
        std::any_of(column->used_by.begin(), column->used_by.end(), [&](const ColumnUse& other) {
          return other.kind == use.kind && other.object == use.object;
        });
    if (!seen) { // a view reads a column in several places: one edge each
      column->used_by.push_back(std::move(use));
    }
  }
}

} // namespace pgsplit::catalog::detail
