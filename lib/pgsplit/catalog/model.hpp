#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The source database as pgsplit sees it: plain values read from the catalog in one
// repeatable-read snapshot (see loader.hpp). Planning and DDL generation work on this model
// only, so every rule can be tested on a hand-built Catalog without a server.
namespace pgsplit::catalog {

using Oid = std::uint32_t;

// An unquoted schema-qualified name, as stored in the catalog.
struct QualifiedName {
  std::string schema;
  std::string name;
  auto operator<=>(const QualifiedName&) const = default;
  // "schema.name" for messages (not SQL: use pg::quote_qualified for SQL).
  std::string to_string() const { return schema + "." + name; }
};

// What a dependency edge points at. OIDs are unique per system catalog only, so an object is
// identified by its kind and OID together (tables, views and sequences share pg_class).
enum class ObjectKind {
  schema,
  extension,
  type,
  function,
  sequence,
  table,
  view,
  // Objects tables, indexes, constraints, defaults and views may need (see Catalog::objects).
  collation,
  operator_,
  operator_family,
  operator_class,
  cast,
  text_search_parser,
  text_search_template,
  text_search_dictionary,
  text_search_configuration,
  conversion
};

struct ObjectRef {
  ObjectKind kind;
  Oid oid;
  auto operator<=>(const ObjectRef&) const = default;
};

// `dependent` needs `referenced` to exist first (from pg_depend, normalised: a column default,
// constraint, index, trigger or view rule counts as its relation; objects that belong to an
// extension are replaced by the extension).
struct Dependency {
  ObjectRef dependent;
  ObjectRef referenced;
};

// One difference between an object's ACL and the default its owner gets (pg_dump's way of
// writing privileges): a privilege revoked from, or granted to, a role or PUBLIC.
struct Privilege {
  std::optional<std::string> grantee; // role name; nullopt: PUBLIC
  bool to_owner = false;              // the grantee is the object's owner
  std::string privilege;              // SELECT, USAGE, EXECUTE, …
  bool grantable = false;             // WITH GRANT OPTION
  bool revoke = false;                // a default privilege the source revoked
  std::optional<std::string> column;  // a column privilege of a table
};

// Who owns an object and how its privileges differ from the default (revokes first).
struct Access {
  std::string owner; // role name; empty when not read (hand-built catalogs)
  std::vector<Privilege> privileges;
};

// ALTER DEFAULT PRIVILEGES FOR ROLE role IN SCHEMA … GRANT …: grants only (a schema's default
// privileges add to the global ones).
struct DefaultPrivilege {
  std::string role;
  char object_type = 'r'; // r tables, S sequences, f functions, T types, n schemas
  std::optional<std::string> grantee;
  std::string privilege;
  bool grantable = false;
};

struct Schema {
  Oid oid = 0;
  std::string name;
  std::optional<std::string> comment;
  Access access;
  std::vector<DefaultPrivilege> default_privileges;
};

struct Extension {
  Oid oid = 0;
  std::string name;
  std::string schema;
  std::string version;
};

enum class TypeKind { enumeration, domain, composite, range };

struct DomainConstraint {
  std::string name;
  std::string definition; // pg_get_constraintdef: "CHECK (VALUE ~ '…')"
};

struct CompositeAttribute {
  std::string name;
  std::string type;                     // format_type
  std::optional<std::string> collation; // quoted, qualified; only when not the type's default
};

// A user-defined type (not one belonging to an extension, not a table's row type).
struct Type {
  Oid oid = 0;
  QualifiedName name;
  TypeKind kind = TypeKind::enumeration;
  std::vector<std::string> enum_labels; // in sort order
  std::string domain_base_type;         // format_type of the base type
  std::optional<std::string> domain_default;
  bool domain_not_null = false;
  std::optional<std::string> domain_collation; // quoted, qualified
  std::vector<DomainConstraint> domain_constraints;
  std::vector<CompositeAttribute> composite_attributes;
  std::string range_subtype; // format_type
  std::optional<std::string> range_subtype_opclass;
  std::optional<std::string> range_collation;
  std::optional<std::string> range_canonical; // function, qualified
  std::optional<std::string> range_subtype_diff;
  std::optional<std::string> multirange_name; // quoted, qualified
  std::optional<std::string> comment;
  Access access;
};

// How an aggregate computes (pg_aggregate). Functions and types as regproc and format_type
// give them: schema-qualified unless built in; operators as "OPERATOR(schema.op)".
struct Aggregate {
  std::string arguments;  // pg_get_function_arguments: "numeric", "x float8 ORDER BY anyelement"
  char kind = 'n';        // n normal, o ordered-set, h hypothetical-set
  std::string transition; // SFUNC
  std::string state_type; // STYPE
  int state_space = 0;    // SSPACE; 0: the default
  std::optional<std::string> final_function;
  bool final_extra = false;
  char final_modify = 'r'; // r READ_ONLY, s SHAREABLE, w READ_WRITE
  std::optional<std::string> combine_function;
  std::optional<std::string> serial_function;
  std::optional<std::string> deserial_function;
  std::optional<std::string> initial_condition;
  std::optional<std::string> moving_transition; // MSFUNC (moving-aggregate mode)
  std::optional<std::string> moving_inverse;    // MINVFUNC
  std::optional<std::string> moving_state_type; // MSTYPE
  int moving_state_space = 0;
  std::optional<std::string> moving_final_function;
  bool moving_final_extra = false;
  char moving_final_modify = 'r';
  std::optional<std::string> moving_initial_condition;
  std::optional<std::string> sort_operator; // SORTOP: "OPERATOR(pg_catalog.>)"
  char parallel = 'u';                      // proparallel: s safe, r restricted, u unsafe
};

struct Function {
  Oid oid = 0;
  QualifiedName name;
  std::string identity_arguments; // pg_get_function_identity_arguments
  std::string definition;         // pg_get_functiondef: a complete CREATE OR REPLACE statement
  std::string body;               // prosrc, searched for sequence names
  char kind = 'f';                // f function, p procedure, a aggregate, w window
  std::optional<std::string> comment;
  Access access;
  std::optional<Aggregate> aggregate; // for kind 'a'
};

struct Sequence {
  Oid oid = 0;
  QualifiedName name;
  std::string data_type; // smallint | integer | bigint
  std::int64_t start = 1;
  std::int64_t increment = 1;
  std::int64_t minimum = 1;
  std::int64_t maximum = 0;
  std::int64_t cache = 1;
  bool cycle = false;
  // OWNED BY: the column whose serial/identity this is.
  std::optional<Oid> owner_table;
  std::optional<std::string> owner_column;
  bool is_identity = false; // created by an identity column; not created separately
  std::optional<std::string> comment;
  Access access;
};

// An object that uses a column (pg_depend, column-level): what a mapping that drops, renames
// or converts the column must take care of.
enum class ColumnUseKind {
  index,
  constraint,
  default_value,    // the column's own default
  generated_column, // a STORED generated column computed from it
  view,             // a view or materialized view
  rule,
  trigger,
  policy,
  statistics,
  other,
};

struct ColumnUse {
  ColumnUseKind kind = ColumnUseKind::other;
  Oid object = 0;   // the index, constraint, trigger …; for a view its relation
  std::string name; // unqualified ("products_ean_idx"), the view's "schema.name"
};

struct Column {
  std::string name;
  int number = 0;   // attnum
  std::string type; // format_type(atttypid, atttypmod)
  Oid type_oid = 0;
  bool not_null = false;
  std::optional<std::string> default_expression; // pg_get_expr(adbin); not for generated
  char identity = '\0';                          // '\0', 'a' ALWAYS, 'd' BY DEFAULT
  std::optional<Oid> identity_sequence;
  std::optional<std::string> generated_expression; // STORED generated column
  std::optional<std::string> collation; // quoted, qualified; only when not the type's default
  bool is_local = true;                 // false: inherited from a parent
  std::optional<std::string> comment;
  int statistics_target = -1; // attstattarget; -1: the default
  // STORAGE (p plain, e external, m main, x extended) when it differs from the type's; '\0'
  // otherwise. COMPRESSION (p pglz, l lz4) when set; '\0' otherwise.
  char storage = '\0';
  char compression = '\0';
  std::vector<ColumnUse> used_by; // other objects only: not its OWNED BY sequence
};

enum class ConstraintKind { primary_key, unique, foreign_key, check, exclusion };

struct Constraint {
  Oid oid = 0;
  std::string name;
  ConstraintKind kind = ConstraintKind::check;
  std::string definition;           // pg_get_constraintdef
  std::vector<std::string> columns; // conkey, by name, in order
  bool deferrable = false;
  bool deferred = false;
  bool validated = true;
  bool is_local = true;                // false: inherited (created by the parent)
  std::optional<Oid> index;            // backing index of primary key / unique / exclusion
  std::optional<Oid> referenced_table; // foreign keys
  std::vector<std::string> referenced_columns;
  std::optional<std::string> comment;
};

struct Index {
  Oid oid = 0;
  std::string name;
  std::string definition; // pg_get_indexdef: "CREATE [UNIQUE] INDEX … ON … USING …"
  bool is_unique = false;
  bool is_primary = false;
  bool backs_constraint = false;   // created through a constraint
  std::optional<Oid> parent_index; // partition of a partitioned index
  std::optional<std::string> comment;
};

struct Trigger {
  Oid oid = 0;
  std::string name;
  std::string definition; // pg_get_triggerdef
  Oid function = 0;
  bool enabled = true;
  bool is_clone = false; // cloned from a partitioned table's trigger
  char mode = 'O';       // tgenabled: O origin/local, D disabled, R replica, A always
  std::optional<std::string> comment;
};

// An extended statistics object (CREATE STATISTICS) on a table.
struct ExtendedStatistics {
  QualifiedName name;
  std::string definition; // pg_get_statisticsobjdef: "CREATE STATISTICS … ON … FROM …"
  int target = -1;        // stxstattarget; -1: the default
  std::string owner;
  std::optional<std::string> comment;
};

enum class TableKind { table, partitioned_table, foreign_table };

// A rule on a table (CREATE RULE; not a view's _RETURN rule).
struct Rule {
  Oid oid = 0;
  std::string name;
  std::string definition;     // pg_get_ruledef: "CREATE RULE … AS ON … TO … DO …;"
  char enabled = 'O';         // ev_enabled: O origin, D disabled, R replica, A always
  std::vector<Oid> relations; // the other tables and views its actions name
  std::optional<std::string> comment;
};

// A row-level security policy (pg_policy), expressions as pg_get_expr gives them.
struct Policy {
  std::string name;
  bool permissive = true;
  std::string command;            // ALL, SELECT, INSERT, UPDATE, DELETE
  std::vector<std::string> roles; // role names; "public" for PUBLIC (pg_policy's 0)
  std::optional<std::string> using_expression;
  std::optional<std::string> check_expression;
  std::optional<std::string> comment;
};

struct Table {
  Oid oid = 0;
  QualifiedName name;
  TableKind kind = TableKind::table;
  bool unlogged = false;
  std::vector<Column> columns; // by attnum, dropped columns left out
  std::vector<Constraint> constraints;
  std::vector<Index> indexes;
  std::vector<Trigger> triggers;
  std::optional<std::string> comment;
  std::optional<std::string> partition_key;   // pg_get_partkeydef, for partitioned tables
  std::optional<Oid> partition_parent;        // this table is a partition of …
  std::optional<std::string> partition_bound; // pg_get_expr(relpartbound): "FOR VALUES …"
  std::vector<Oid> inherits;                  // non-partition parents, in order
  std::int64_t estimated_rows = 0;            // reltuples (-1 → 0 when never analyzed)
  std::int64_t size_bytes = 0;                // main fork + TOAST table (pg_relation_size)
  bool has_oids_or_unsupported = false;       // reserved
  Access access;                              // column privileges carry their column
  bool row_security = false;                  // ENABLE ROW LEVEL SECURITY
  bool force_row_security = false;            // FORCE ROW LEVEL SECURITY
  std::vector<Policy> policies;
  std::vector<std::string> options;       // reloptions: "fillfactor=70", "autovacuum_enabled=false"
  std::vector<std::string> toast_options; // its TOAST table's reloptions, without "toast."
  std::optional<std::string> clustered_index; // CLUSTER ON, by index name
  char replica_identity = 'd';                // d default, n nothing, f full, i index
  std::optional<std::string> replica_identity_index;
  std::vector<ExtendedStatistics> extended_statistics;
  std::vector<Rule> rules;
};

enum class ViewKind { view, materialized_view };

// A collation, operator, operator family or class, cast, text search parser, template,
// dictionary or configuration, or conversion of the selected schemas (not an extension's). The
// loader fills the fields its kind has (docs in load_objects.cpp); schema/objects_ddl.cpp builds
// the CREATE statement from them. Names and types are as regproc, regoperator and format_type
// give them with an empty search_path: schema-qualified and quoted unless built in.
struct SchemaObject {
  ObjectKind kind = ObjectKind::collation;
  Oid oid = 0;
  QualifiedName name; // a cast: schema empty, name "source AS target"
  std::optional<std::string> comment;
  Access access; // the owner only (these kinds have no privileges); "": the kind has no owner
  // kind-specific "key = value" settings, in the order the CREATE statement lists them
  // (collation: provider, locale …; operator: function, leftarg …; dictionary: template, the
  // options text; conversion: for, to, from, default …).
  std::vector<std::pair<std::string, std::string>> settings;
  // Operator families and classes: the access method and the members ("OPERATOR 1 …",
  // "FUNCTION 1 (…) …"); text search configurations: the "ALTER … ADD MAPPING" tails.
  std::vector<std::string> members;

  // The value of a setting, or nullptr.
  const std::string* setting(std::string_view key) const;
  // For messages: "app.ci", "app.<|(integer, integer)", "(integer AS app.level)".
  std::string readable() const;
};

struct View {
  Oid oid = 0;
  QualifiedName name;
  ViewKind kind = ViewKind::view;
  std::string definition;     // pg_get_viewdef (the SELECT)
  std::vector<Index> indexes; // materialized views only
  std::optional<std::string> comment;
  bool populated = true; // a materialized view created WITH NO DATA and never refreshed: false
  Access access;
  std::vector<std::string> options; // reloptions: security_barrier, check_option, fillfactor …
  std::vector<std::pair<std::string, std::string>> column_comments; // (column, comment)
};

// Everything pgsplit reads from the source, in one snapshot.
struct Catalog {
  std::string database;
  std::string server_encoding;
  int server_version = 0;
  // Large objects (pg_largeobject) are the database's, not a schema's: counted, not copied.
  std::int64_t large_objects = 0;
  std::int64_t large_objects_bytes = 0; // pg_largeobject's size on disk

  std::vector<Schema> schemas;       // user schemas only (no pg_*, information_schema)
  std::vector<Extension> extensions; // plpgsql included
  std::vector<Type> types;
  std::vector<Function> functions;
  std::vector<Sequence> sequences;
  std::vector<Table> tables; // ordinary, partitioned, foreign
  std::vector<View> views;
  std::vector<SchemaObject> objects; // collations, operators, casts, text search …
  std::vector<Dependency> dependencies;

  // The tables' positions by OID, for find_table(Oid): a binary search instead of a scan (a
  // plan of thousands of tables looks tables up by OID many times). Made by index_tables(),
  // once the tables are in their final order (load_catalog does it); ignored when it no
  // longer matches the tables (one added or moved since), then find_table scans.
  std::vector<std::pair<Oid, std::size_t>> table_positions;
  void index_tables();

  const Table* find_table(Oid oid) const;
  const Table* find_table(const QualifiedName& name) const;
  const Sequence* find_sequence(Oid oid) const;
  const Type* find_type(Oid oid) const;
  const Function* find_function(Oid oid) const;
  const View* find_view(Oid oid) const;
  const Schema* find_schema(const std::string& name) const;
  const Extension* find_extension(Oid oid) const;
  const SchemaObject* find_object(const ObjectRef& ref) const;
};

// The words for each kind, in messages and reports: "enum", "composite type", "partitioned
// table", "primary key".
std::string_view to_string(TypeKind kind);
std::string_view to_string(TableKind kind);
std::string_view to_string(ConstraintKind kind);
std::string_view to_string(ColumnUseKind kind);
// "collation", "operator class", "text search configuration" … (the words of SQL).
std::string_view to_string(ObjectKind kind);

} // namespace pgsplit::catalog
