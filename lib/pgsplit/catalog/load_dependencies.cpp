#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/row_values.hpp>
#include <pgsplit/core/error.hpp>

#include <fmt/format.h>

namespace pgsplit::catalog::detail {
namespace {

// The pg_depend edges between objects pgsplit creates, each end resolved to such an object:
//  1. a part stands for its owner: a column default, constraint, user trigger, rewrite rule
//     (a view's query) or index for its relation, a domain constraint for its domain, a
//     composite type's relation for the type, an array type for its element type, a range's
//     constructor function for the range (column-level references carry objsubid, ignored);
//  2. a multirange stands for its range, a relation's row type for the relation;
//  3. a member of an extension stands for the extension;
//  4. then the kind follows from the catalog (and relkind); built-in objects (OIDs below
//     16384, FirstNormalObjectId) are dropped unless they are extensions (plpgsql), and so are
//     kinds the model does not know (schemas, languages, access methods …).
// An operator family's operators and functions stand for the operator class that CREATE
// OPERATOR CLASS gave them to (an internal dependency), or else for the family; a class needs
// its family, a loose member its operator or function (auto dependencies, kept for these).
// Edges that can only end up as self-edges are skipped early: 'a'/'i' dependencies of parts
// on their owner (only pg_class keeps them: OWNED BY, identity, partitions, indexes), indexes
// and triggers on their constraint (a foreign key's internal triggers sit on the referenced
// table: they would make it depend on the referencing one), and anything on a schema.
constexpr std::string_view dependencies_query = R"(
  WITH members AS (
    SELECT classid, objid, refobjid AS extension FROM pg_depend
    WHERE deptype = 'e' AND objsubid = 0
  ),
  edges AS (
    SELECT DISTINCT d.classid, d.objid, d.refclassid, d.refobjid
    FROM pg_depend d
    WHERE d.deptype IN ('n', 'a', 'i', 'P', 'S', 'x') AND d.objid >= 16384
      AND d.refclassid <> 'pg_namespace'::regclass
      AND (d.deptype NOT IN ('a', 'i')
           OR d.classid IN ('pg_class'::regclass, 'pg_opclass'::regclass,
                            'pg_amop'::regclass, 'pg_amproc'::regclass))
      AND NOT (d.classid IN ('pg_class'::regclass, 'pg_trigger'::regclass)
               AND d.refclassid = 'pg_constraint'::regclass)
      AND (d.refobjid >= 16384
           OR EXISTS (SELECT FROM members m
                      WHERE m.classid = d.refclassid AND m.objid = d.refobjid))
  ),
  objects AS (
    SELECT classid, objid FROM edges
    UNION
    SELECT refclassid, refobjid FROM edges
  ),
  parts (classid, objid, owner_classid, owner_objid) AS (
    SELECT 'pg_attrdef'::regclass::oid, oid, 'pg_class'::regclass::oid, adrelid FROM pg_attrdef
    UNION ALL
    SELECT 'pg_constraint'::regclass::oid, oid,
           CASE WHEN conrelid <> 0 THEN 'pg_class'::regclass ELSE 'pg_type'::regclass END::oid,
           CASE WHEN conrelid <> 0 THEN conrelid ELSE contypid END
    FROM pg_constraint
    UNION ALL
    SELECT 'pg_trigger'::regclass::oid, oid, 'pg_class'::regclass::oid, tgrelid
    FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL
    SELECT 'pg_rewrite'::regclass::oid, oid, 'pg_class'::regclass::oid, ev_class FROM pg_rewrite
    UNION ALL
    SELECT 'pg_class'::regclass::oid, indexrelid, 'pg_class'::regclass::oid, indrelid
    FROM pg_index
    UNION ALL
    SELECT 'pg_class'::regclass::oid, oid, 'pg_type'::regclass::oid, reltype
    FROM pg_class WHERE relkind = 'c'
    UNION ALL
    SELECT 'pg_type'::regclass::oid, a.oid, 'pg_type'::regclass::oid, a.typelem
    FROM pg_type a JOIN pg_type e ON e.oid = a.typelem AND e.typarray = a.oid
    UNION ALL
    SELECT classid, objid, refclassid, refobjid FROM pg_depend
    WHERE classid = 'pg_proc'::regclass AND refclassid = 'pg_type'::regclass AND deptype = 'i'
    UNION ALL
    SELECT 'pg_amop'::regclass::oid, o.oid, coalesce(c.refclassid, 'pg_opfamily'::regclass),
           coalesce(c.refobjid, o.amopfamily)
    FROM pg_amop o
    LEFT JOIN pg_depend c ON c.classid = 'pg_amop'::regclass AND c.objid = o.oid
                         AND c.refclassid = 'pg_opclass'::regclass AND c.deptype = 'i'
    UNION ALL
    SELECT 'pg_amproc'::regclass::oid, p.oid, coalesce(c.refclassid, 'pg_opfamily'::regclass),
           coalesce(c.refobjid, p.amprocfamily)
    FROM pg_amproc p
    LEFT JOIN pg_depend c ON c.classid = 'pg_amproc'::regclass AND c.objid = p.oid
                         AND c.refclassid = 'pg_opclass'::regclass AND c.deptype = 'i'
  ),
  type_owners (classid, objid, owner_classid, owner_objid) AS (
    SELECT 'pg_type'::regclass::oid, rngmultitypid, 'pg_type'::regclass::oid, rngtypid
    FROM pg_range
    UNION ALL
    SELECT 'pg_type'::regclass::oid, t.oid, 'pg_class'::regclass::oid, t.typrelid
    FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid WHERE c.relkind <> 'c'
  ),
  owned AS (
    SELECT o.classid, o.objid,
           coalesce(t.owner_classid, p.owner_classid, o.classid) AS owner_classid,
           coalesce(t.owner_objid, p.owner_objid, o.objid) AS owner_objid
    FROM objects o
    LEFT JOIN parts p ON p.classid = o.classid AND p.objid = o.objid
    LEFT JOIN type_owners t ON t.classid = coalesce(p.owner_classid, o.classid)
                           AND t.objid = coalesce(p.owner_objid, o.objid)
  ),
  canonical AS (
    SELECT w.classid, w.objid,
           CASE WHEN m.extension IS NULL THEN w.owner_classid
                ELSE 'pg_extension'::regclass::oid END AS canonical_classid,
           coalesce(m.extension, w.owner_objid) AS oid
    FROM owned w
    LEFT JOIN members m ON m.classid = w.owner_classid AND m.objid = w.owner_objid
  ),
  resolved AS (
    SELECT k.classid, k.objid, k.oid,
           CASE k.canonical_classid
             WHEN 'pg_extension'::regclass THEN 'extension'
             WHEN 'pg_proc'::regclass THEN 'function'
             WHEN 'pg_type'::regclass THEN 'type'
             WHEN 'pg_collation'::regclass THEN 'collation'
             WHEN 'pg_operator'::regclass THEN 'operator'
             WHEN 'pg_opfamily'::regclass THEN 'operator family'
             WHEN 'pg_opclass'::regclass THEN 'operator class'
             WHEN 'pg_cast'::regclass THEN 'cast'
             WHEN 'pg_ts_parser'::regclass THEN 'text search parser'
             WHEN 'pg_ts_template'::regclass THEN 'text search template'
             WHEN 'pg_ts_dict'::regclass THEN 'text search dictionary'
             WHEN 'pg_ts_config'::regclass THEN 'text search configuration'
             WHEN 'pg_conversion'::regclass THEN 'conversion'
             WHEN 'pg_class'::regclass THEN
               CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'f' THEN 'table'
                              WHEN 'v' THEN 'view' WHEN 'm' THEN 'view'
                              WHEN 'S' THEN 'sequence' END
           END AS kind
    FROM canonical k
    LEFT JOIN pg_class c ON k.canonical_classid = 'pg_class'::regclass AND c.oid = k.oid
    WHERE k.canonical_classid = 'pg_extension'::regclass OR k.oid >= 16384
  )
  SELECT DISTINCT d.kind AS dependent_kind, d.oid AS dependent_oid,
                  r.kind AS referenced_kind, r.oid AS referenced_oid
  FROM edges e
  JOIN resolved d ON d.classid = e.classid AND d.objid = e.objid
  JOIN resolved r ON r.classid = e.refclassid AND r.objid = e.refobjid
  WHERE d.kind IS NOT NULL AND r.kind IS NOT NULL AND (d.kind, d.oid) <> (r.kind, r.oid))";

ObjectKind object_kind(std::string_view name) {
  if (name == "table") {
    return ObjectKind::table;
  }
  if (name == "view") {
    return ObjectKind::view;
  }
  if (name == "sequence") {
    return ObjectKind::sequence;
  }
  if (name == "type") {
    return ObjectKind::type;
  }
  if (name == "function") {
    return ObjectKind::function;
  }
  if (name == "extension") {
    return ObjectKind::extension;
  }
  for (const auto kind :
       {ObjectKind::collation, ObjectKind::operator_, ObjectKind::operator_family,
        ObjectKind::operator_class, ObjectKind::cast, ObjectKind::text_search_parser,
        ObjectKind::text_search_template, ObjectKind::text_search_dictionary,
        ObjectKind::text_search_configuration, ObjectKind::conversion}) {
    if (name == to_string(kind)) {
      return kind;
    }
  }
  throw core::Error(fmt::format("internal error: unknown object kind '{}' in dependencies", name));
}

ObjectRef object_ref(const pg::Result& result, int row, std::string_view prefix) {
  const std::string kind_column = fmt::format("{}_kind", prefix);
  const std::string oid_column = fmt::format("{}_oid", prefix);
  return {object_kind(result.value(row, result.column(kind_column))),
          oid_value(result, row, oid_column)};
}

} // namespace

std::vector<Dependency> load_dependencies(pg::Connection& connection) {
  const auto result = connection.exec(dependencies_query);
  std::vector<Dependency> dependencies;
  dependencies.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    dependencies.push_back(
        {object_ref(result, row, "dependent"), object_ref(result, row, "referenced")});
  }
  return dependencies;
}

} // namespace pgsplit::catalog::detail
