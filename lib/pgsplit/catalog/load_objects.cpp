#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/row_values.hpp>

#include <nlohmann/json.hpp>

#include <map>

namespace pgsplit::catalog::detail {
namespace {

// Every query below gives one row per object of the selected schemas that no extension owns:
// oid, schema, name, owner (NULL: the kind has none), comment, and `settings`, a json array
// key, value, key, value … in the order CREATE lists them (a NULL value: the object has no such
// setting). Values are raw text (schema/objects_ddl.cpp quotes literals), except names: regproc,
// regoperator, regdictionary and format_type write them, qualified unless built in (the
// loader's search_path is empty). The keys are schema/objects_ddl.cpp's.

// Collations: ICU's locale is colliculocale (15, 16) or colllocale (17+); before 15 it was
// collcollate. Read through to_jsonb so that one text fits every version.
constexpr std::string_view collations_query = R"(
  SELECT co.oid, n.nspname AS schema, co.collname AS name,
         pg_get_userbyid(co.collowner) AS owner, ds.description AS comment,
         json_build_array(
           'provider', CASE co.collprovider WHEN 'i' THEN 'icu' WHEN 'c' THEN 'libc' END,
           'locale', CASE WHEN co.collprovider = 'i'
                          THEN coalesce(to_jsonb(co) ->> 'colllocale',
                                        to_jsonb(co) ->> 'colliculocale', co.collcollate)
                          WHEN co.collcollate = co.collctype THEN co.collcollate END,
           'lc_collate', CASE WHEN co.collprovider <> 'i' AND co.collcollate <> co.collctype
                              THEN co.collcollate END,
           'lc_ctype', CASE WHEN co.collprovider <> 'i' AND co.collcollate <> co.collctype
                            THEN co.collctype END,
           'rules', to_jsonb(co) ->> 'collicurules',
           'deterministic', CASE WHEN NOT co.collisdeterministic THEN 'false' END) AS settings
  FROM pg_collation co
  JOIN pg_namespace n ON n.oid = co.collnamespace
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_collation'::regclass AND ds.objoid = co.oid
  WHERE co.collnamespace = ANY ($1::oid[])
    AND NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = 'pg_collation'::regclass
                                              AND e.objid = co.oid AND e.deptype = 'e'))";

// Shell operators (oprcode 0: named as another's COMMUTATOR or NEGATOR, never defined) are
// left out as pg_dump leaves them: the operator naming one makes it again.
constexpr std::string_view operators_query = R"(
  SELECT o.oid, n.nspname AS schema, o.oprname AS name,
         pg_get_userbyid(o.oprowner) AS owner, ds.description AS comment,
         json_build_array(
           'FUNCTION', o.oprcode::regproc::text,
           'LEFTARG', CASE WHEN o.oprleft <> 0 THEN format_type(o.oprleft, NULL) END,
           'RIGHTARG', CASE WHEN o.oprright <> 0 THEN format_type(o.oprright, NULL) END,
           'COMMUTATOR', CASE WHEN o.oprcom <> 0 THEN o.oprcom::regoper::text END,
           'NEGATOR', CASE WHEN o.oprnegate <> 0 THEN o.oprnegate::regoper::text END,
           'RESTRICT', CASE WHEN o.oprrest <> 0 THEN o.oprrest::regproc::text END,
           'JOIN', CASE WHEN o.oprjoin <> 0 THEN o.oprjoin::regproc::text END,
           'HASHES', CASE WHEN o.oprcanhash THEN '' END,
           'MERGES', CASE WHEN o.oprcanmerge THEN '' END) AS settings
  FROM pg_operator o
  JOIN pg_namespace n ON n.oid = o.oprnamespace
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_operator'::regclass AND ds.objoid = o.oid
  WHERE o.oprnamespace = ANY ($1::oid[]) AND o.oprcode <> 0
    AND NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = 'pg_operator'::regclass
                                              AND e.objid = o.oid AND e.deptype = 'e'))";

constexpr std::string_view operator_families_query = R"(
  SELECT f.oid, n.nspname AS schema, f.opfname AS name,
         pg_get_userbyid(f.opfowner) AS owner, ds.description AS comment,
         json_build_array('USING', quote_ident(am.amname)) AS settings
  FROM pg_opfamily f
  JOIN pg_namespace n ON n.oid = f.opfnamespace
  JOIN pg_am am ON am.oid = f.opfmethod
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_opfamily'::regclass AND ds.objoid = f.oid
  WHERE f.opfnamespace = ANY ($1::oid[])
    AND NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = 'pg_opfamily'::regclass
                                              AND e.objid = f.oid AND e.deptype = 'e'))";

constexpr std::string_view operator_classes_query = R"(
  SELECT c.oid, n.nspname AS schema, c.opcname AS name,
         pg_get_userbyid(c.opcowner) AS owner, ds.description AS comment,
         json_build_array(
           'DEFAULT', CASE WHEN c.opcdefault THEN '' END,
           'FOR TYPE', format_type(c.opcintype, NULL),
           'USING', quote_ident(am.amname),
           'FAMILY', quote_ident(fn.nspname) || '.' || quote_ident(f.opfname),
           'STORAGE', CASE WHEN c.opckeytype <> 0 THEN format_type(c.opckeytype, NULL) END)
           AS settings
  FROM pg_opclass c
  JOIN pg_namespace n ON n.oid = c.opcnamespace
  JOIN pg_am am ON am.oid = c.opcmethod
  JOIN pg_opfamily f ON f.oid = c.opcfamily
  JOIN pg_namespace fn ON fn.oid = f.opfnamespace
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_opclass'::regclass AND ds.objoid = c.oid
  WHERE c.opcnamespace = ANY ($1::oid[])
    AND NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = 'pg_opclass'::regclass
                                              AND e.objid = c.oid AND e.deptype = 'e'))";

// The operators and support functions of the selected operator families, each with its
// owner: the class CREATE OPERATOR CLASS gave it to (an internal dependency), or the family
// (ALTER OPERATOR FAMILY … ADD: a "loose" member).
constexpr std::string_view operator_members_query = R"(
  SELECT coalesce(dc.refobjid, f.oid) AS owner_oid, dc.refobjid IS NOT NULL AS in_class,
         m.member
  FROM pg_opfamily f
  JOIN LATERAL (
    SELECT o.oid, 'pg_amop'::regclass AS classid, 1 AS part, o.amopstrategy AS number,
           'OPERATOR ' || o.amopstrategy || ' ' || o.amopopr::regoperator::text
           || CASE WHEN o.amoppurpose = 'o'
                   THEN ' FOR ORDER BY ' || quote_ident(sn.nspname) || '.'
                        || quote_ident(sf.opfname) ELSE '' END AS member
    FROM pg_amop o
    LEFT JOIN pg_opfamily sf ON sf.oid = o.amopsortfamily
    LEFT JOIN pg_namespace sn ON sn.oid = sf.opfnamespace
    WHERE o.amopfamily = f.oid
    UNION ALL
    SELECT p.oid, 'pg_amproc'::regclass, 2, p.amprocnum,
           'FUNCTION ' || p.amprocnum || ' (' || format_type(p.amproclefttype, NULL) || ', '
           || format_type(p.amprocrighttype, NULL) || ') ' || p.amproc::regprocedure::text
    FROM pg_amproc p WHERE p.amprocfamily = f.oid
  ) m ON true
  LEFT JOIN pg_depend dc ON dc.classid = m.classid AND dc.objid = m.oid
                        AND dc.refclassid = 'pg_opclass'::regclass AND dc.deptype = 'i'
  WHERE f.opfnamespace = ANY ($1::oid[])
  ORDER BY owner_oid, m.part, m.number, m.member)";

// Casts that involve a function or a type of the selected schemas (casts belong to no schema).
constexpr std::string_view casts_query = R"(
  SELECT c.oid, '' AS schema,
         format_type(c.castsource, NULL) || ' AS ' || format_type(c.casttarget, NULL) AS name,
         NULL AS owner, ds.description AS comment,
         json_build_array(
           'function', CASE WHEN c.castmethod = 'f' THEN c.castfunc::regprocedure::text END,
           'method', c.castmethod::text, 'context', c.castcontext::text) AS settings
  FROM pg_cast c
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_cast'::regclass AND ds.objoid = c.oid
  WHERE c.oid >= 16384
    AND NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = 'pg_cast'::regclass
                                              AND e.objid = c.oid AND e.deptype = 'e')
    AND (EXISTS (SELECT FROM pg_type t WHERE t.oid IN (c.castsource, c.casttarget)
                                         AND t.typnamespace = ANY ($1::oid[]))
         OR EXISTS (SELECT FROM pg_proc p WHERE p.oid = c.castfunc
                                            AND p.pronamespace = ANY ($1::oid[]))))";

constexpr std::string_view text_search_parsers_query = R"(
  SELECT p.oid, n.nspname AS schema, p.prsname AS name, NULL AS owner,
         ds.description AS comment,
         json_build_array(
           'START', p.prsstart::regproc::text, 'GETTOKEN', p.prstoken::regproc::text,
           'END', p.prsend::regproc::text, 'LEXTYPES', p.prslextype::regproc::text,
           'HEADLINE', CASE WHEN p.prsheadline <> 0 THEN p.prsheadline::regproc::text END)
           AS settings
  FROM pg_ts_parser p
  JOIN pg_namespace n ON n.oid = p.prsnamespace
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_ts_parser'::regclass AND ds.objoid = p.oid
  WHERE p.prsnamespace = ANY ($1::oid[])
    AND NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = 'pg_ts_parser'::regclass
                                              AND e.objid = p.oid AND e.deptype = 'e'))";

constexpr std::string_view text_search_templates_query = R"(
  SELECT t.oid, n.nspname AS schema, t.tmplname AS name, NULL AS owner,
         ds.description AS comment,
         json_build_array(
           'INIT', CASE WHEN t.tmplinit <> 0 THEN t.tmplinit::regproc::text END,
           'LEXIZE', t.tmpllexize::regproc::text) AS settings
  FROM pg_ts_template t
  JOIN pg_namespace n ON n.oid = t.tmplnamespace
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_ts_template'::regclass AND ds.objoid = t.oid
  WHERE t.tmplnamespace = ANY ($1::oid[])
    AND NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = 'pg_ts_template'::regclass
                                              AND e.objid = t.oid AND e.deptype = 'e'))";

// A dictionary's options are kept as the text pg_ts_dict stores ("language = 'english', …"),
// which CREATE TEXT SEARCH DICTIONARY takes back as is.
constexpr std::string_view text_search_dictionaries_query = R"(
  SELECT d.oid, n.nspname AS schema, d.dictname AS name,
         pg_get_userbyid(d.dictowner) AS owner, ds.description AS comment,
         json_build_array(
           'TEMPLATE', quote_ident(tn.nspname) || '.' || quote_ident(t.tmplname),
           'options', d.dictinitoption) AS settings
  FROM pg_ts_dict d
  JOIN pg_namespace n ON n.oid = d.dictnamespace
  JOIN pg_ts_template t ON t.oid = d.dicttemplate
  JOIN pg_namespace tn ON tn.oid = t.tmplnamespace
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_ts_dict'::regclass AND ds.objoid = d.oid
  WHERE d.dictnamespace = ANY ($1::oid[])
    AND NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = 'pg_ts_dict'::regclass
                                              AND e.objid = d.oid AND e.deptype = 'e'))";

constexpr std::string_view text_search_configurations_query = R"(
  SELECT c.oid, n.nspname AS schema, c.cfgname AS name,
         pg_get_userbyid(c.cfgowner) AS owner, ds.description AS comment,
         json_build_array('PARSER', quote_ident(pn.nspname) || '.' || quote_ident(p.prsname))
           AS settings
  FROM pg_ts_config c
  JOIN pg_namespace n ON n.oid = c.cfgnamespace
  JOIN pg_ts_parser p ON p.oid = c.cfgparser
  JOIN pg_namespace pn ON pn.oid = p.prsnamespace
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_ts_config'::regclass AND ds.objoid = c.oid
  WHERE c.cfgnamespace = ANY ($1::oid[])
    AND NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = 'pg_ts_config'::regclass
                                              AND e.objid = c.oid AND e.deptype = 'e'))";

// Each configuration's mappings, one per token type: "FOR asciiword WITH app.dict, simple".
constexpr std::string_view text_search_mappings_query = R"(
  SELECT m.mapcfg AS owner_oid, false AS in_class,
         'FOR ' || t.alias || ' WITH '
         || string_agg(m.mapdict::regdictionary::text, ', ' ORDER BY m.mapseqno) AS member
  FROM pg_ts_config_map m
  JOIN pg_ts_config c ON c.oid = m.mapcfg
  CROSS JOIN LATERAL ts_token_type(c.cfgparser) t
  WHERE t.tokid = m.maptokentype AND c.cfgnamespace = ANY ($1::oid[])
  GROUP BY m.mapcfg, m.maptokentype, t.alias
  ORDER BY m.mapcfg, m.maptokentype)";

constexpr std::string_view conversions_query = R"(
  SELECT c.oid, n.nspname AS schema, c.conname AS name,
         pg_get_userbyid(c.conowner) AS owner, ds.description AS comment,
         json_build_array(
           'DEFAULT', CASE WHEN c.condefault THEN '' END,
           'FOR', pg_encoding_to_char(c.conforencoding)::text,
           'TO', pg_encoding_to_char(c.contoencoding)::text,
           'FROM', c.conproc::regproc::text) AS settings
  FROM pg_conversion c
  JOIN pg_namespace n ON n.oid = c.connamespace
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_conversion'::regclass AND ds.objoid = c.oid
  WHERE c.connamespace = ANY ($1::oid[])
    AND NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = 'pg_conversion'::regclass
                                              AND e.objid = c.oid AND e.deptype = 'e'))";

// settings' json: pairs whose value is null are left out.
std::vector<std::pair<std::string, std::string>> parse_settings(std::string_view json) {
  const auto parsed = nlohmann::json::parse(json);
  std::vector<std::pair<std::string, std::string>> settings;
  for (std::size_t i = 0; i + 1 < parsed.size(); i += 2) {
    if (!parsed[i + 1].is_null()) {
      settings.emplace_back(parsed[i].get<std::string>(), parsed[i + 1].get<std::string>());
    }
  }
  return settings;
}

void read_objects(const Scope& scope, std::string_view sql, ObjectKind kind,
                  std::vector<SchemaObject>& out) {
  const auto result = scope.query(sql);
  for (int row = 0; row < result.rows(); ++row) {
    SchemaObject object;
    object.kind = kind;
    object.oid = oid_value(result, row, "oid");
    object.name = {result.text(row, "schema"), result.text(row, "name")};
    object.access.owner = result.optional_text(row, "owner").value_or("");
    object.comment = result.optional_text(row, "comment");
    object.settings = parse_settings(result.value(row, result.column("settings")));
    out.push_back(std::move(object));
  }
}

// Members (owner_oid, in_class, member) to the objects of `kinds`: an in_class row goes to an
// operator class, the others to a family or configuration.
void read_members(const Scope& scope, std::string_view sql, std::vector<SchemaObject>& objects,
                  ObjectKind loose_kind) {
  std::map<std::pair<ObjectKind, Oid>, SchemaObject*> by_ref;
  for (auto& object : objects) {
    by_ref[{object.kind, object.oid}] = &object;
  }
  const auto result = scope.query(sql);
  for (int row = 0; row < result.rows(); ++row) {
    const ObjectKind kind =
        result.boolean(row, "in_class") ? ObjectKind::operator_class : loose_kind;
    const auto found = by_ref.find({kind, oid_value(result, row, "owner_oid")});
    if (found != by_ref.end()) {
      found->second->members.push_back(result.text(row, "member"));
    }
  }
}

} // namespace

std::vector<SchemaObject> load_objects(const Scope& scope) {
  std::vector<SchemaObject> objects;
  read_objects(scope, collations_query, ObjectKind::collation, objects);
  read_objects(scope, operators_query, ObjectKind::operator_, objects);
  read_objects(scope, operator_families_query, ObjectKind::operator_family, objects);
  read_objects(scope, operator_classes_query, ObjectKind::operator_class, objects);
  read_objects(scope, casts_query, ObjectKind::cast, objects);
  read_objects(scope, text_search_parsers_query, ObjectKind::text_search_parser, objects);
  read_objects(scope, text_search_templates_query, ObjectKind::text_search_template, objects);
  read_objects(scope, text_search_dictionaries_query, ObjectKind::text_search_dictionary, objects);
  read_objects(scope, text_search_configurations_query, ObjectKind::text_search_configuration,
               objects);
  read_objects(scope, conversions_query, ObjectKind::conversion, objects);
  read_members(scope, operator_members_query, objects, ObjectKind::operator_family);
  read_members(scope, text_search_mappings_query, objects, ObjectKind::text_search_configuration);
  return objects;
}

} // namespace pgsplit::catalog::detail
