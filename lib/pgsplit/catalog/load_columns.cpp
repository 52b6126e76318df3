#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/row_values.hpp>

namespace pgsplit::catalog::detail {
namespace {

// The live columns of the selected tables, in attnum order. The expression of a STORED
// generated column is not its default; an identity column names its sequence (pg_depend 'i');
// the collation is given only when it differs from the column type's default.
constexpr std::string_view columns_query = R"(
  SELECT a.attrelid AS table_oid, a.attname AS name, a.attnum AS number,
         format_type(a.atttypid, a.atttypmod) AS type, a.atttypid AS type_oid,
         a.attnotnull AS not_null, a.attidentity AS identity, a.attislocal AS is_local,
         CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END
           AS default_expression,
         CASE WHEN a.attgenerated = 's' THEN pg_get_expr(ad.adbin, ad.adrelid) END
           AS generated_expression,
         s.objid AS identity_sequence,
         cn.nspname AS collation_schema, co.collname AS collation_name,
         ds.description AS comment,
         coalesce(a.attstattarget::int, -1) AS statistics_target,
         CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END AS storage,
         a.attcompression AS compression
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  LEFT JOIN pg_depend s ON a.attidentity <> '' AND s.refclassid = 'pg_class'::regclass
                       AND s.refobjid = a.attrelid AND s.refobjsubid = a.attnum
                       AND s.classid = 'pg_class'::regclass AND s.deptype = 'i'
  LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> t.typcollation
  LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_class'::regclass AND ds.objoid = a.attrelid
                             AND ds.objsubid = a.attnum
  WHERE c.relnamespace = ANY ($1::oid[]) AND c.relkind IN ('r', 'p', 'f')
    AND a.attnum > 0 AND NOT a.attisdropped
  ORDER BY a.attrelid, a.attnum)";

Column read_column(const pg::Result& result, int row) {
  Column column;
  column.name = result.text(row, "name");
  column.number = static_cast<int>(result.int64(row, "number"));
  column.type = result.text(row, "type");
  column.type_oid = oid_value(result, row, "type_oid");
  column.not_null = result.boolean(row, "not_null");
  column.default_expression = result.optional_text(row, "default_expression");
  column.identity = char_value(result, row, "identity");
  column.identity_sequence = optional_oid(result, row, "identity_sequence");
  column.generated_expression = result.optional_text(row, "generated_expression");
  column.collation = optional_qualified(result, row, "collation_schema", "collation_name");
  column.is_local = result.boolean(row, "is_local");
  column.comment = result.optional_text(row, "comment");
  column.statistics_target = static_cast<int>(result.int64(row, "statistics_target"));
  column.storage = char_value(result, row, "storage");
  column.compression = char_value(result, row, "compression");
  return column;
}

} // namespace

void load_columns(const Scope& scope, const Relations& relations) {
  const auto result = scope.query(columns_query);
  for (int row = 0; row < result.rows(); ++row) {
    if (Table* table = relations.tables.find(oid_value(result, row, "table_oid"))) {
      table->columns.push_back(read_column(result, row));
    }
  }
}

} // namespace pgsplit::catalog::detail
