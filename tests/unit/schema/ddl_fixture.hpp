#pragma once

// Hand-built catalogs and target plans for the DDL generator's unit tests (no server).
#include "support/catalog_builder.hpp"

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/plan/plan.hpp>
#include <pgsplit/schema/target_ddl.hpp>

#include <algorithm>
#include <string>
#include <vector>

// A namespace of their own: other folders' test helpers live in pgsplit::testing too.
namespace pgsplit::testing::schema_ddl {

// A catalog (built by the shared CatalogBuilder) and one target ("auth") that the test fills:
// every table made with table() is placed in the target unless told otherwise. References
// returned here stay valid while the test adds more (see CatalogBuilder).
class DdlFixture {
public:
  DdlFixture() {
    builder.next_oid(20000).schema("public").comment = "standard public schema";
    target.name = "auth";
    target.schemas = {"public"};
    target.tables.reserve(64);
  }
  // `catalog` refers into `builder`: a copy would share the original's.
  DdlFixture(const DdlFixture&) = delete;
  DdlFixture& operator=(const DdlFixture&) = delete;

  catalog::Table& table(const std::string& schema, const std::string& name, bool placed = true) {
    catalog::Table& table = builder.bare_table(schema, name);
    if (placed) {
      place(table);
    }
    return table;
  }

  void place(const catalog::Table& table, std::optional<catalog::QualifiedName> as = std::nullopt) {
    plan::PlacedTable placed;
    placed.table = table.oid;
    placed.source_name = table.name;
    placed.target_name = as.value_or(table.name);
    target.tables.push_back(placed);
  }

  static catalog::Column column(const std::string& name, const std::string& type, int number,
                                bool not_null = false) {
    return CatalogBuilder::column(name, type, number, not_null);
  }

  catalog::Type& type(const std::string& name, catalog::TypeKind kind) {
    catalog::Type& type = builder.add_type("public", name, kind);
    target.types.push_back(type.oid);
    return type;
  }

  catalog::Sequence& sequence(const std::string& name, bool in_target = true) {
    catalog::Sequence& sequence = builder.add_sequence("public", name);
    sequence.maximum = 9223372036854775807;
    if (in_target) {
      target.sequences.push_back(sequence.oid);
    }
    return sequence;
  }

  catalog::Function& function(const std::string& name, const std::string& definition) {
    catalog::Function& function = builder.add_function("public", name);
    function.definition = definition;
    target.functions.push_back(function.oid);
    return function;
  }

  catalog::View& view(const std::string& name, const std::string& definition,
                      catalog::ViewKind kind = catalog::ViewKind::view) {
    catalog::View& view = builder.add_view("public", name, kind);
    view.definition = definition;
    target.views.push_back(view.oid);
    return view;
  }

  // A collation, operator, cast … of schema public, that the target needs.
  catalog::SchemaObject& object(catalog::ObjectKind kind, const std::string& name,
                                std::vector<std::pair<std::string, std::string>> settings = {}) {
    catalog::SchemaObject& object = builder.add_object(kind, "public", name, std::move(settings));
    target.objects.push_back({kind, object.oid});
    return object;
  }

  void depends(catalog::ObjectRef dependent, catalog::ObjectRef referenced) {
    builder.depends(dependent, referenced);
  }

  schema::TargetDdl generate() const { return schema::generate_target_ddl(catalog, target); }

  CatalogBuilder builder;
  catalog::Catalog& catalog = builder.edit();
  plan::TargetPlan target;
};

inline std::vector<std::string> sql_of(const std::vector<schema::Statement>& statements) {
  std::vector<std::string> sql;
  for (const auto& statement : statements) {
    sql.push_back(statement.sql);
  }
  return sql;
}

// The post-data statements of one table ("schema.name" as the target names it).
inline std::vector<std::string> post_data_of(const schema::TargetDdl& ddl,
                                             const std::string& table) {
  for (const auto& post : ddl.post_data) {
    if (post.target_name.to_string() == table) {
      return sql_of(post.statements);
    }
  }
  return {};
}

inline std::vector<std::string> foreign_keys_of(const schema::TargetDdl& ddl) {
  std::vector<std::string> sql;
  for (const auto& key : ddl.foreign_keys) {
    sql.push_back(key.statement.sql);
  }
  return sql;
}

// Position of the first statement containing `text`, or -1.
inline int position_of(const std::vector<std::string>& sql, const std::string& text) {
  const auto found = std::find_if(sql.begin(), sql.end(), [&](const std::string& statement) {
    return statement.find(text) != std::string::npos;
  });
  return found == sql.end() ? -1 : static_cast<int>(found - sql.begin());
}

} // namespace pgsplit::testing::schema_ddl
