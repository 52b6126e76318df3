#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/row_values.hpp>

namespace pgsplit::catalog::detail {
namespace {

// Enums, domains, ranges and free-standing composite types (not the row types of tables),
// leaving out those that belong to an extension. Domain details come along; the collation is
// given only when it differs from the base type's.
constexpr std::string_view types_query = R"(
  SELECT t.oid, n.nspname AS schema, t.typname AS name, t.typtype AS kind,
         CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END
           AS domain_base_type,
         CASE WHEN t.typtype = 'd' THEN pg_get_expr(t.typdefaultbin, 0) END AS domain_default,
         t.typtype = 'd' AND t.typnotnull AS domain_not_null,
         cn.nspname AS collation_schema, co.collname AS collation_name,
         ds.description AS comment
  FROM pg_type t
  JOIN pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_type'::regclass AND ds.objoid = t.oid
                             AND ds.objsubid = 0
  LEFT JOIN pg_class r ON r.oid = t.typrelid
  LEFT JOIN pg_type b ON b.oid = t.typbasetype
  LEFT JOIN pg_collation co ON t.typtype = 'd' AND co.oid = t.typcollation
                           AND t.typcollation <> b.typcollation
  LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
  WHERE t.typnamespace = ANY ($1::oid[])
    AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND r.relkind = 'c'))
    AND NOT EXISTS (SELECT FROM pg_depend d
                    WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid
                      AND d.deptype = 'e')
  ORDER BY n.nspname, t.typname)";

constexpr std::string_view enum_labels_query = R"(
  SELECT e.enumtypid AS type_oid, e.enumlabel AS label
  FROM pg_enum e
  JOIN pg_type t ON t.oid = e.enumtypid
  WHERE t.typnamespace = ANY ($1::oid[])
  ORDER BY e.enumtypid, e.enumsortorder)";

TypeKind type_kind(char typtype) {
  switch (typtype) {
  case 'd':
    return TypeKind::domain;
  case 'c':
    return TypeKind::composite;
  case 'r':
    return TypeKind::range;
  default:
    return TypeKind::enumeration;
  }
}

Type read_type(const pg::Result& result, int row) {
  Type type;
  type.oid = oid_value(result, row, "oid");
  type.name = {result.text(row, "schema"), result.text(row, "name")};
  type.kind = type_kind(char_value(result, row, "kind"));
  type.domain_base_type = result.text(row, "domain_base_type");
  type.domain_default = result.optional_text(row, "domain_default");
  type.domain_not_null = result.boolean(row, "domain_not_null");
  type.domain_collation = optional_qualified(result, row, "collation_schema", "collation_name");
  type.comment = result.optional_text(row, "comment");
  return type;
}

} // namespace

std::vector<Type> load_types(const Scope& scope) {
  const auto result = scope.query(types_query);
  std::vector<Type> types;
  types.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    types.push_back(read_type(result, row));
  }
  return types;
}

void load_enum_labels(const Scope& scope, std::vector<Type>& types) {
  const auto result = scope.query(enum_labels_query);
  const ByOid<Type> lookup(types);
  for (int row = 0; row < result.rows(); ++row) {
    if (Type* type = lookup.find(oid_value(result, row, "type_oid"))) {
      type->enum_labels.push_back(result.text(row, "label"));
    }
  }
}

} // namespace pgsplit::catalog::detail
