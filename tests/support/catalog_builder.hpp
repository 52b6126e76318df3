#pragma once

// The one way to hand-build a catalog::Catalog in the unit tests (no server). Objects get
// increasing OIDs from 16384 (see next_oid() for fixtures that name OIDs as constants); every
// adder returns the new object so that a test sets the fields it is about. The lists are
// reserved up front: references returned here stay valid while a test adds more objects (but
// not across a copy of the builder).
#include <pgsplit/catalog/model.hpp>
#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping_loader.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pgsplit::testing {

class CatalogBuilder {
public:
  CatalogBuilder() {
    catalog_.database = "monolith";
    catalog_.server_encoding = "UTF8";
    catalog_.server_version = 150000;
    catalog_.schemas.reserve(capacity);
    catalog_.extensions.reserve(capacity);
    catalog_.types.reserve(capacity);
    catalog_.functions.reserve(capacity);
    catalog_.sequences.reserve(capacity);
    catalog_.tables.reserve(capacity);
    catalog_.views.reserve(capacity);
    catalog_.objects.reserve(capacity);
    catalog_.schemas.push_back({2200, "public", std::nullopt});
  }

  // Catalog-wide facts.
  CatalogBuilder& database(std::string name) {
    catalog_.database = std::move(name);
    return *this;
  }
  CatalogBuilder& server_version(int version) {
    catalog_.server_version = version;
    return *this;
  }
  CatalogBuilder& server_encoding(std::string encoding) {
    catalog_.server_encoding = std::move(encoding);
    return *this;
  }
  // The objects added next take OIDs from `oid` upwards.
  CatalogBuilder& next_oid(catalog::Oid oid) {
    next_oid_ = oid;
    return *this;
  }

  // The schema of that name, added when missing (public is there from the start).
  catalog::Schema& schema(const std::string& name) {
    for (auto& schema : catalog_.schemas) {
      if (schema.name == name) {
        return schema;
      }
    }
    catalog_.schemas.push_back({allocate(), name, std::nullopt});
    return catalog_.schemas.back();
  }

  catalog::Extension& extension(const std::string& name, const std::string& schema = "public",
                                const std::string& version = "1.0") {
    catalog_.extensions.push_back({allocate(), name, schema, version});
    return catalog_.extensions.back();
  }

  // An ordinary table with an integer `id` column, `size_bytes` large.
  catalog::Table& table(const std::string& schema, const std::string& name,
                        std::int64_t size_bytes = 8192) {
    catalog::Table& table = bare_table(schema, name);
    table.size_bytes = size_bytes;
    table.estimated_rows = size_bytes / 100;
    table.columns.push_back(column("id", "integer", 1, true));
    table.columns.back().type_oid = 23;
    return table;
  }

  // A table with nothing but its name: no columns, no rows, no size.
  catalog::Table& bare_table(const std::string& schema, const std::string& name) {
    catalog::Table table;
    table.oid = allocate();
    table.name = {schema, name};
    catalog_.tables.push_back(std::move(table));
    return catalog_.tables.back();
  }

  static catalog::Column column(const std::string& name, const std::string& type, int number,
                                bool not_null = false) {
    catalog::Column column;
    column.name = name;
    column.type = type;
    column.number = number;
    column.not_null = not_null;
    return column;
  }

  catalog::Oid oid_of(const std::string& schema, const std::string& name) const {
    return catalog_.find_table(catalog::QualifiedName{schema, name})->oid;
  }

  // public.<child>, a DEFAULT partition of public.<parent>.
  void partition(const std::string& parent, const std::string& child) {
    auto& table = this->table("public", child);
    table.partition_parent = oid_of("public", parent);
    table.partition_bound = "DEFAULT";
  }

  // public.<child>.<parent>_id → public.<parent>.id, with the dependency it implies.
  void foreign_key(const std::string& child, const std::string& parent) {
    catalog::Table& table = table_named("public", child);
    const catalog::Oid referenced = oid_of("public", parent);
    add_foreign_key(table, child + "_" + parent + "_fkey", {parent + "_id"}, referenced, {"id"});
    depends({catalog::ObjectKind::table, table.oid}, {catalog::ObjectKind::table, referenced});
  }

  // A foreign-key constraint alone (no dependency edge); the parent may be added later.
  catalog::Constraint& add_foreign_key(catalog::Table& child, std::string name,
                                       std::vector<std::string> columns, catalog::Oid parent,
                                       std::vector<std::string> parent_columns) {
    catalog::Constraint constraint;
    constraint.oid = allocate();
    constraint.name = std::move(name);
    constraint.kind = catalog::ConstraintKind::foreign_key;
    constraint.columns = std::move(columns);
    constraint.referenced_table = parent;
    constraint.referenced_columns = std::move(parent_columns);
    child.constraints.push_back(std::move(constraint));
    return child.constraints.back();
  }

  catalog::Oid type(const std::string& name, catalog::TypeKind kind) {
    return add_type("public", name, kind).oid;
  }
  catalog::Type& add_type(const std::string& schema, const std::string& name,
                          catalog::TypeKind kind) {
    catalog::Type type;
    type.oid = allocate();
    type.name = {schema, name};
    type.kind = kind;
    catalog_.types.push_back(std::move(type));
    return catalog_.types.back();
  }

  catalog::Oid sequence(const std::string& name) { return add_sequence("public", name).oid; }
  // A bigint sequence with the defaults of CREATE SEQUENCE (maximum left 0 unless set).
  catalog::Sequence& add_sequence(const std::string& schema, const std::string& name) {
    catalog::Sequence sequence;
    sequence.oid = allocate();
    sequence.name = {schema, name};
    sequence.data_type = "bigint";
    catalog_.sequences.push_back(std::move(sequence));
    return catalog_.sequences.back();
  }

  catalog::Oid function(const std::string& name, const std::string& body) {
    auto& function = add_function("public", name);
    function.body = body;
    return function.oid;
  }
  catalog::Function& add_function(const std::string& schema, const std::string& name) {
    catalog::Function function;
    function.oid = allocate();
    function.name = {schema, name};
    catalog_.functions.push_back(std::move(function));
    return catalog_.functions.back();
  }

  // A view of public tables, depending on each of them.
  catalog::Oid view(const std::string& name, const std::vector<std::string>& tables) {
    const catalog::Oid oid = add_view("public", name).oid;
    for (const auto& table : tables) {
      depends({catalog::ObjectKind::view, oid},
              {catalog::ObjectKind::table, oid_of("public", table)});
    }
    return oid;
  }
  catalog::View& add_view(const std::string& schema, const std::string& name,
                          catalog::ViewKind kind = catalog::ViewKind::view) {
    catalog::View view;
    view.oid = allocate();
    view.name = {schema, name};
    view.kind = kind;
    catalog_.views.push_back(std::move(view));
    return catalog_.views.back();
  }

  // A collation, operator, cast, text search object … with these settings.
  catalog::SchemaObject&
  add_object(catalog::ObjectKind kind, const std::string& schema, const std::string& name,
             std::vector<std::pair<std::string, std::string>> settings = {}) {
    catalog::SchemaObject object;
    object.kind = kind;
    object.oid = allocate();
    object.name = {schema, name};
    object.settings = std::move(settings);
    catalog_.objects.push_back(std::move(object));
    return catalog_.objects.back();
  }

  void depends(catalog::ObjectRef dependent, catalog::ObjectRef referenced) {
    catalog_.dependencies.push_back({dependent, referenced});
  }

  const catalog::Catalog& catalog() const { return catalog_; }
  // For the fields the builder has no word for.
  catalog::Catalog& edit() { return catalog_; }

private:
  static constexpr std::size_t capacity = 64;

  catalog::Oid allocate() { return next_oid_++; }

  catalog::Table& table_named(const std::string& schema, const std::string& name) {
    return const_cast<catalog::Table&>(*catalog_.find_table(catalog::QualifiedName{schema, name}));
  }

  catalog::Catalog catalog_;
  catalog::Oid next_oid_ = 16384;
};

inline config::Mapping mapping_from(const std::string& yaml) {
  return config::parse_mapping(yaml, "/work/pgsplit.yaml", config::fixed_environment({}));
}

} // namespace pgsplit::testing
