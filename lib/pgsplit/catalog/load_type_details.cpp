#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/row_values.hpp>

namespace pgsplit::catalog::detail {
namespace {

// CHECK constraints of domains (a domain's NOT NULL is pg_type.typnotnull in PostgreSQL 15).
constexpr std::string_view domain_constraints_query = R"(
  SELECT c.contypid AS type_oid, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
  FROM pg_constraint c
  JOIN pg_type t ON t.oid = c.contypid
  WHERE t.typnamespace = ANY ($1::oid[]) AND c.contype = 'c'
  ORDER BY c.contypid, c.conname)";

// Attributes of free-standing composite types, in position order; a collation only when it
// differs from the attribute type's default.
constexpr std::string_view composite_attributes_query = R"(
  SELECT t.oid AS type_oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
         cn.nspname AS collation_schema, co.collname AS collation_name
  FROM pg_type t
  JOIN pg_class r ON r.oid = t.typrelid AND r.relkind = 'c'
  JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_type at ON at.oid = a.atttypid
  LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> at.typcollation
  LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
  WHERE t.typnamespace = ANY ($1::oid[])
  ORDER BY t.oid, a.attnum)";

// Range types: the subtype, and each option only when it is not what CREATE TYPE would pick
// by default (opclass: the subtype's default btree class; collation: the subtype's).
constexpr std::string_view ranges_query = R"(
  SELECT r.rngtypid AS type_oid, format_type(r.rngsubtype, NULL) AS subtype,
         ocn.nspname AS opclass_schema, oc.opcname AS opclass_name,
         cn.nspname AS collation_schema, co.collname AS collation_name,
         fcn.nspname AS canonical_schema, fc.proname AS canonical_name,
         fdn.nspname AS diff_schema, fd.proname AS diff_name,
         mn.nspname AS multirange_schema, m.typname AS multirange_name
  FROM pg_range r
  JOIN pg_type t ON t.oid = r.rngtypid
  JOIN pg_type s ON s.oid = r.rngsubtype
  LEFT JOIN pg_opclass oc ON oc.oid = r.rngsubopc
                         AND NOT (oc.opcdefault AND oc.opcintype = r.rngsubtype)
  LEFT JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace
  LEFT JOIN pg_collation co ON co.oid = r.rngcollation AND r.rngcollation <> s.typcollation
  LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
  LEFT JOIN pg_proc fc ON fc.oid = r.rngcanonical
  LEFT JOIN pg_namespace fcn ON fcn.oid = fc.pronamespace
  LEFT JOIN pg_proc fd ON fd.oid = r.rngsubdiff
  LEFT JOIN pg_namespace fdn ON fdn.oid = fd.pronamespace
  LEFT JOIN pg_type m ON m.oid = r.rngmultitypid
  LEFT JOIN pg_namespace mn ON mn.oid = m.typnamespace
  WHERE t.typnamespace = ANY ($1::oid[])
  ORDER BY r.rngtypid)";

void read_range(const pg::Result& result, int row, Type& type) {
  type.range_subtype = result.text(row, "subtype");
  type.range_subtype_opclass = optional_qualified(result, row, "opclass_schema", "opclass_name");
  type.range_collation = optional_qualified(result, row, "collation_schema", "collation_name");
  type.range_canonical = optional_qualified(result, row, "canonical_schema", "canonical_name");
  type.range_subtype_diff = optional_qualified(result, row, "diff_schema", "diff_name");
  type.multirange_name = optional_qualified(result, row, "multirange_schema", "multirange_name");
}

} // namespace

void load_domain_constraints(const Scope& scope, std::vector<Type>& types) {
  const auto result = scope.query(domain_constraints_query);
  const ByOid<Type> lookup(types);
  for (int row = 0; row < result.rows(); ++row) {
    if (Type* type = lookup.find(oid_value(result, row, "type_oid"))) {
      type->domain_constraints.push_back(
          {.name = result.text(row, "name"), .definition = result.text(row, "definition")});
    }
  }
}

void load_composite_attributes(const Scope& scope, std::vector<Type>& types) {
  const auto result = scope.query(composite_attributes_query);
  const ByOid<Type> lookup(types);
  for (int row = 0; row < result.rows(); ++row) {
    if (Type* type = lookup.find(oid_value(result, row, "type_oid"))) {
      type->composite_attributes.push_back(
          {.name = result.text(row, "name"),
           .type = result.text(row, "type"),
           .collation = optional_qualified(result, row, "collation_schema", "collation_name")});
    }
  }
}

void load_ranges(const Scope& scope, std::vector<Type>& types) {
  const auto result = scope.query(ranges_query);
  const ByOid<Type> lookup(types);
  for (int row = 0; row < result.rows(); ++row) {
    if (Type* type = lookup.find(oid_value(result, row, "type_oid"))) {
      read_range(result, row, *type);
    }
  }
}

} // namespace pgsplit::catalog::detail
