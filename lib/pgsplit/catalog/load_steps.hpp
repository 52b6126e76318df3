#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/pg/result.hpp>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// Internal to the catalog loader (loader.cpp orchestrates): one function per object kind, each
// running one set-based query over the selected schemas. Every query text is a constant; the
// only parameter is $1, the selected schemas' OIDs as an oid[] literal.
namespace pgsplit::catalog::detail {

// The selected schemas, and the connection the queries run on.
struct Scope {
  pg::Connection& connection;
  pg::Params schema_oids; // one value: "{2200,16385}"

  pg::Result query(std::string_view sql) const { return connection.exec(sql, schema_oids); }
};

// Items of a loaded vector by OID, to attach details read by a later query. Holds pointers
// into the vector: build it once the vector is complete.
template <typename Item> class ByOid {
public:
  explicit ByOid(std::vector<Item>& items) {
    for (auto& item : items) {
      items_.emplace(item.oid, &item);
    }
  }
  Item* find(Oid oid) const { // nullptr when the object was not loaded
    const auto found = items_.find(oid);
    return found == items_.end() ? nullptr : found->second;
  }

private:
  std::unordered_map<Oid, Item*> items_;
};

// The loaded relations, to attach columns, constraints, indexes and triggers to.
struct Relations {
  ByOid<Table> tables;
  ByOid<View> views;
};

// Every user schema, filtered to `requested` when it is not empty; throws core::Error naming
// the requested schemas that do not exist.
std::vector<Schema> load_schemas(pg::Connection& connection,
                                 const std::vector<std::string>& requested);
std::vector<Extension> load_extensions(pg::Connection& connection);

std::vector<Type> load_types(const Scope& scope);
// Details of the types in `types` (matched by OID), one query each.
void load_enum_labels(const Scope& scope, std::vector<Type>& types);
void load_domain_constraints(const Scope& scope, std::vector<Type>& types);
void load_composite_attributes(const Scope& scope, std::vector<Type>& types);
void load_ranges(const Scope& scope, std::vector<Type>& types);

std::vector<Function> load_functions(const Scope& scope);
// How the aggregates among `functions` compute (Function::aggregate).
void load_aggregates(const Scope& scope, std::vector<Function>& functions);
// Collations, operators, operator families and classes, casts, text search objects and
// conversions (load_objects.cpp).
std::vector<SchemaObject> load_objects(const Scope& scope);
std::vector<Sequence> load_sequences(const Scope& scope);
std::vector<Table> load_tables(const Scope& scope);
std::vector<View> load_views(const Scope& scope);

void load_columns(const Scope& scope, const Relations& relations);
// Names key columns from the loaded columns: runs after load_columns.
void load_constraints(const Scope& scope, const Relations& relations);
void load_indexes(const Scope& scope, const Relations& relations);
void load_triggers(const Scope& scope, const Relations& relations);
void load_policies(const Scope& scope, const Relations& relations);
void load_statistics(const Scope& scope, const Relations& relations);
// Who uses each loaded column (Column::used_by): runs after load_columns.
void load_column_uses(const Scope& scope, const Relations& relations);
void load_rules(const Scope& scope, const Relations& relations);
// Owners, privileges and the schemas' default privileges of every loaded object (matched by
// kind and OID): runs once everything else is loaded.
void load_access(const Scope& scope, Catalog& catalog);

// Every dependency edge of the database, resolved to ObjectRefs (see load_dependencies.cpp);
// not yet filtered to the catalog (normalise_dependencies does that).
std::vector<Dependency> load_dependencies(pg::Connection& connection);

} // namespace pgsplit::catalog::detail
