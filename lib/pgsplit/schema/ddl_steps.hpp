#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/plan/plan.hpp>
#include <pgsplit/schema/rename.hpp>
#include <pgsplit/schema/target_ddl.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Internal to DDL generation (target_ddl.cpp orchestrates): one file per object kind, each
// turning catalog objects into statements. Everything here is pure.
namespace pgsplit::schema::detail {

// A table the target creates: the source table and where the plan put it.
struct TargetTable {
  const catalog::Table* source = nullptr;
  const plan::PlacedTable* placed = nullptr;
};

// What every step needs: the catalog, the target's plan, its tables in creation order and
// the renames to apply to definition text.
class Context {
public:
  Context(const catalog::Catalog& catalog, const plan::TargetPlan& target);

  const catalog::Catalog& catalog() const { return catalog_; }
  const plan::TargetPlan& target() const { return target_; }
  // Parents (partitioned tables, inheritance parents) before their children; one entry per
  // distinct (source table, target name); foreign tables are left out (see notes()).
  const std::vector<TargetTable>& tables() const { return tables_; }
  const Renames& renames() const { return renames_; }

  // Where a source table is created in this target (its first placement), or nullptr.
  const catalog::QualifiedName* target_name_of(catalog::Oid table) const;
  // "schema"."name" of a table as the target names it.
  std::string quoted(const TargetTable& table) const;
  std::string quoted(catalog::Oid table) const; // the table must be placed in this target
  bool is_placed(catalog::Oid table) const { return target_name_of(table) != nullptr; }
  // Definition text of `table` (its indexes, constraints, triggers, defaults) with the renames
  // applied, `table` itself under the name of this placement.
  std::string rewrite(const TargetTable& table, std::string_view sql) const;

  // What the generator left out, for the report.
  const std::vector<std::string>& notes() const { return notes_; }
  void note(std::string text) { notes_.push_back(std::move(text)); }

private:
  void order_tables();

  const catalog::Catalog& catalog_;
  const plan::TargetPlan& target_;
  std::vector<TargetTable> tables_;
  std::map<catalog::Oid, const catalog::QualifiedName*> first_placement_; // into target_.tables
  Renames renames_;
  std::vector<std::string> notes_;
  std::vector<std::unique_ptr<catalog::Table>> reshaped_; // what tables_ point at, reshaped
};

Statement statement(std::string sql, std::string what);

// reshaped_table.cpp: a table reshaped by its mapping entry (`columns:`, `key: uuid`) as the
// target creates it: columns dropped, renamed, retyped (a uuid key defaults to
// gen_random_uuid()); constraints name the renamed columns. Definition texts are left to
// Context::rewrite.
catalog::Table reshaped_table(const catalog::Table& source, const plan::PlacedTable& placed);

// comments_ddl.cpp: COMMENT ON <object> IS '…' (nothing when there is no comment).
void add_comment(std::vector<Statement>& out, const std::string& object_sql,
                 const std::string& what, const std::optional<std::string>& comment);
void add_table_comments(std::vector<Statement>& out, const Context& context,
                        const TargetTable& table);

// schemas_ddl.cpp
void add_schemas(std::vector<Statement>& out, const Context& context);
void add_extensions(std::vector<Statement>& out, const Context& context);

// types_ddl.cpp
void add_type(std::vector<Statement>& out, const catalog::Type& type);
// ALTER DOMAIN … ADD CONSTRAINT … NOT VALID for the domains' unvalidated checks: old values
// violate them, so they are added once the data is in.
void add_unvalidated_domain_checks(std::vector<Statement>& out, const Context& context);

// functions_ddl.cpp
void add_function(std::vector<Statement>& out, Context& context, const catalog::Function& function);

// objects_ddl.cpp: a collation, operator, operator family or class, cast, text search object
// or conversion, built from its catalog settings; how ALTER/COMMENT ON name it.
void add_object(std::vector<Statement>& out, const catalog::SchemaObject& object);
std::string object_sql(const catalog::SchemaObject& object);

// rules_ddl.cpp: rules on the target's tables (after the views: their actions may use any).
void add_rules(std::vector<Statement>& out, Context& context);

// object_order.cpp: types, functions and the objects of objects_ddl.cpp the target needs, in
// creation order.
struct RoutineOrder {
  std::vector<catalog::ObjectRef> before_tables; // types, functions, objects; dependencies first
  std::vector<catalog::Oid> after_tables;        // functions that need a table's row type
  std::vector<catalog::Oid> after_views;         // functions that need a view
};
RoutineOrder order_types_and_functions(const Context& context);

// sequences_ddl.cpp
void add_sequence(std::vector<Statement>& out, const catalog::Sequence& sequence);
void add_sequence_ownership(std::vector<Statement>& out, Context& context);
// The options in parentheses after GENERATED … AS IDENTITY, keeping the sequence's name in
// the table's target schema.
std::string identity_options(const catalog::Sequence& sequence, const std::string& schema);

// columns_ddl.cpp
// `name type [COLLATE] [DEFAULT | GENERATED …] [NOT NULL]`; `inherited` when a parent declares
// the column too (then identity and generation come from the parent).
std::string column_definition(const Context& context, const TargetTable& table,
                              const catalog::Column& column, bool inherited);
// Whether CREATE TABLE declares the column: never for a partition (PARTITION OF takes the
// parent's columns); for an inheritance child, its own columns and those no created parent
// has (a parent that went to another target, say).
bool is_declared(const Context& context, const catalog::Table& table,
                 const catalog::Column& column);
// Whether a created parent has a column of that name (then it brings identity and generation).
bool has_parent_column(const Context& context, const catalog::Table& table,
                       const catalog::Column& column);
// ALTER TABLE … ALTER COLUMN for a partition's or child's inherited columns whose default or
// NOT NULL differ from the parent's.
void add_inherited_column_changes(std::vector<Statement>& out, const Context& context,
                                  const TargetTable& table);

// tables_ddl.cpp
void add_table(std::vector<Statement>& out, const Context& context, const TargetTable& table);
// The parents of `table` the target creates, in declared order (partition parent first).
std::vector<const catalog::Table*> created_parents(const Context& context,
                                                   const catalog::Table& table);

// indexes_ddl.cpp: primary keys and unique constraints, then the other indexes.
void add_keys_and_indexes(std::vector<Statement>& out, const Context& context,
                          const TargetTable& table);
// CREATE INDEX text of an index of `table`, renamed, cascading on a partitioned table.
std::string index_definition(const Context& context, const TargetTable& table,
                             const catalog::Index& index);

// constraints_ddl.cpp
void add_checks_and_exclusions(std::vector<Statement>& out, const Context& context,
                               const TargetTable& table);
void add_foreign_keys(std::vector<ForeignKeyStatement>& out, const Context& context);

// triggers_ddl.cpp
void add_triggers(std::vector<Statement>& out, const Context& context, const TargetTable& table);

// views_ddl.cpp: views and materialized views (created empty, with their indexes), then the
// REFRESH of the materialized ones.
void add_views(std::vector<Statement>& out, Context& context);
void add_refreshes(std::vector<Statement>& out, const Context& context);

// storage_ddl.cpp: ` WITH (…)` of CREATE TABLE (reloptions, toast.*), or empty; the columns'
// statistics targets, STORAGE and COMPRESSION; CLUSTER ON and REPLICA IDENTITY (post-data).
std::string storage_parameters(const catalog::Table& table);
void add_column_storage(std::vector<Statement>& out, const Context& context,
                        const TargetTable& table);
void add_index_settings(std::vector<Statement>& out, const Context& context,
                        const TargetTable& table);
void add_extended_statistics(std::vector<Statement>& out, Context& context,
                             const TargetTable& table);

// policies_ddl.cpp: row-level security policies and ENABLE/FORCE ROW LEVEL SECURITY.
void add_row_security(std::vector<Statement>& out, const Context& context);

// access_ddl.cpp: ALTER … OWNER TO, GRANT/REVOKE and ALTER DEFAULT PRIVILEGES, as the target's
// plan says (options.owners, options.privileges, roles the target server lacks).
void add_access(std::vector<Statement>& out, Context& context);

} // namespace pgsplit::schema::detail
