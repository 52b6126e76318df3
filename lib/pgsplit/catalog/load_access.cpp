#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/row_values.hpp>

namespace pgsplit::catalog::detail {
namespace {

// The owner of every object of the selected schemas, by kind: n schema, r table (any
// relation but views and sequences), v view or materialized view, S sequence, f routine,
// T type. Objects the model did not load (an extension's) are simply not matched.
constexpr std::string_view owners_query = R"(
  SELECT 'n' AS kind, n.oid, pg_get_userbyid(n.nspowner) AS owner
  FROM pg_namespace n WHERE n.oid = ANY ($1::oid[])
  UNION ALL
  SELECT CASE WHEN c.relkind = 'S' THEN 'S' WHEN c.relkind IN ('v', 'm') THEN 'v' ELSE 'r' END,
         c.oid, pg_get_userbyid(c.relowner)
  FROM pg_class c
  WHERE c.relnamespace = ANY ($1::oid[]) AND c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S')
  UNION ALL
  SELECT 'f', p.oid, pg_get_userbyid(p.proowner)
  FROM pg_proc p WHERE p.pronamespace = ANY ($1::oid[])
  UNION ALL
  SELECT 'T', t.oid, pg_get_userbyid(t.typowner)
  FROM pg_type t WHERE t.typnamespace = ANY ($1::oid[]))";

// How each ACL differs from the default its owner gets (acldefault), as pg_dump writes it:
// the default entries missing from the ACL are revoked, the entries beyond it granted. A NULL
// ACL is the default. Column ACLs have an empty default. The grantor is not kept: a grant
// runs as the object's owner.
constexpr std::string_view privileges_query = R"(
  WITH objects AS (
    SELECT 'n' AS kind, n.oid, NULL::name AS column_name, n.nspowner AS owner, n.nspacl AS acl,
           'n'::"char" AS default_kind
    FROM pg_namespace n WHERE n.oid = ANY ($1::oid[]) AND n.nspacl IS NOT NULL
    UNION ALL
    SELECT CASE WHEN c.relkind = 'S' THEN 'S' WHEN c.relkind IN ('v', 'm') THEN 'v' ELSE 'r' END,
           c.oid, NULL, c.relowner, c.relacl,
           CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char"
    FROM pg_class c
    WHERE c.relnamespace = ANY ($1::oid[]) AND c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S')
      AND c.relacl IS NOT NULL
    UNION ALL
    SELECT CASE WHEN c.relkind IN ('v', 'm') THEN 'v' ELSE 'r' END, c.oid, a.attname,
           c.relowner, a.attacl, 'c'::"char"
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    WHERE c.relnamespace = ANY ($1::oid[]) AND c.relkind IN ('r', 'p', 'f', 'v', 'm')
      AND a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL
    UNION ALL
    SELECT 'f', p.oid, NULL, p.proowner, p.proacl, 'f'::"char"
    FROM pg_proc p WHERE p.pronamespace = ANY ($1::oid[]) AND p.proacl IS NOT NULL
    UNION ALL
    SELECT 'T', t.oid, NULL, t.typowner, t.typacl, 'T'::"char"
    FROM pg_type t WHERE t.typnamespace = ANY ($1::oid[]) AND t.typacl IS NOT NULL
  ),
  entries AS (
    SELECT o.kind, o.oid, o.column_name, o.owner, false AS revoke, e.*
    FROM objects o, LATERAL (
      SELECT grantee, privilege_type, is_grantable FROM aclexplode(o.acl)
      EXCEPT
      SELECT grantee, privilege_type, is_grantable FROM aclexplode(acldefault(o.default_kind,
                                                                              o.owner))) e
    UNION ALL
    SELECT o.kind, o.oid, o.column_name, o.owner, true, e.*
    FROM objects o, LATERAL (
      SELECT grantee, privilege_type, is_grantable FROM aclexplode(acldefault(o.default_kind,
                                                                              o.owner))
      EXCEPT
      SELECT grantee, privilege_type, is_grantable FROM aclexplode(o.acl)) e
  )
  SELECT kind, oid, column_name, revoke, grantee = owner AS to_owner,
         CASE WHEN grantee <> 0 THEN pg_get_userbyid(grantee) END AS grantee,
         privilege_type AS privilege, is_grantable AS grantable
  FROM entries
  ORDER BY kind, oid, revoke DESC, column_name NULLS FIRST, grantee = 0 DESC,
           pg_get_userbyid(grantee), is_grantable, privilege_type)";

// Default privileges set for a selected schema (ALTER DEFAULT PRIVILEGES … IN SCHEMA).
constexpr std::string_view default_privileges_query = R"(
  SELECT d.defaclnamespace AS schema_oid, pg_get_userbyid(d.defaclrole) AS role,
         d.defaclobjtype AS object_type,
         CASE WHEN e.grantee <> 0 THEN pg_get_userbyid(e.grantee) END AS grantee,
         e.privilege_type AS privilege, e.is_grantable AS grantable
  FROM pg_default_acl d, LATERAL aclexplode(d.defaclacl) e
  WHERE d.defaclnamespace = ANY ($1::oid[])
  ORDER BY d.defaclnamespace, role, object_type, e.grantee = 0 DESC, grantee, e.is_grantable,
           e.privilege_type)";

// The Access of the object of that kind and OID, or nullptr when it was not loaded.
class AccessIndex {
public:
  explicit AccessIndex(Catalog& catalog)
      : schemas_(catalog.schemas), tables_(catalog.tables), views_(catalog.views),
        sequences_(catalog.sequences), functions_(catalog.functions), types_(catalog.types) {}

  Access* find(char kind, Oid oid) const {
    switch (kind) {
    case 'n':
      return access_of(schemas_.find(oid));
    case 'r':
      return access_of(tables_.find(oid));
    case 'v':
      return access_of(views_.find(oid));
    case 'S':
      return access_of(sequences_.find(oid));
    case 'f':
      return access_of(functions_.find(oid));
    case 'T':
      return access_of(types_.find(oid));
    default:
      return nullptr;
    }
  }
  Schema* schema(Oid oid) const { return schemas_.find(oid); }

private:
  template <typename Item> static Access* access_of(Item* item) {
    return item == nullptr ? nullptr : &item->access;
  }

  ByOid<Schema> schemas_;
  ByOid<Table> tables_;
  ByOid<View> views_;
  ByOid<Sequence> sequences_;
  ByOid<Function> functions_;
  ByOid<Type> types_;
};

Privilege read_privilege(const pg::Result& result, int row) {
  return {.grantee = result.optional_text(row, "grantee"),
          .to_owner = result.boolean(row, "to_owner"),
          .privilege = result.text(row, "privilege"),
          .grantable = result.boolean(row, "grantable"),
          .revoke = result.boolean(row, "revoke"),
          .column = result.optional_text(row, "column_name")};
}

} // namespace

void load_access(const Scope& scope, Catalog& catalog) {
  const AccessIndex index(catalog);
  const auto owners = scope.query(owners_query);
  for (int row = 0; row < owners.rows(); ++row) {
    if (auto* access = index.find(char_value(owners, row, "kind"), oid_value(owners, row, "oid"))) {
      access->owner = owners.text(row, "owner");
    }
  }
  const auto privileges = scope.query(privileges_query);
  for (int row = 0; row < privileges.rows(); ++row) {
    if (auto* access =
            index.find(char_value(privileges, row, "kind"), oid_value(privileges, row, "oid"))) {
      access->privileges.push_back(read_privilege(privileges, row));
    }
  }
  const auto defaults = scope.query(default_privileges_query);
  for (int row = 0; row < defaults.rows(); ++row) {
    if (auto* schema = index.schema(oid_value(defaults, row, "schema_oid"))) {
      schema->default_privileges.push_back({.role = defaults.text(row, "role"),
                                            .object_type = char_value(defaults, row, "object_type"),
                                            .grantee = defaults.optional_text(row, "grantee"),
                                            .privilege = defaults.text(row, "privilege"),
                                            .grantable = defaults.boolean(row, "grantable")});
    }
  }
}

} // namespace pgsplit::catalog::detail
