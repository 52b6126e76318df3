#pragma once

// Hand-built catalogs and target plans for the DDL generator's unit tests (no server).
#include <pgsplit/catalog/model.hpp>
#include <pgsplit/plan/plan.hpp>
#include <pgsplit/schema/target_ddl.hpp>

#include <algorithm>
#include <string>
#include <vector>

// A namespace of their own: other folders' test helpers live in pgsplit::testing too.
namespace pgsplit::testing::schema_ddl {

// A catalog and one target ("auth") that the test fills: every table made with table() is
// placed in the target unless told otherwise. Objects live in vectors reserved up front, so
// references returned here stay valid while the test adds more.
class DdlFixture {
public:
  DdlFixture() {
    catalog.database = "monolith";
    catalog.server_version = 150000;
    catalog.schemas.push_back({2200, "public", "standard public schema"});
    catalog.tables.reserve(64);
    catalog.types.reserve(64);
    catalog.sequences.reserve(64);
    catalog.functions.reserve(64);
    catalog.views.reserve(64);
    target.name = "auth";
    target.schemas = {"public"};
    target.tables.reserve(64);
  }

  catalog::Table& table(const std::string& schema, const std::string& name, bool placed = true) {
    catalog::Table table;
    table.oid = next_oid++;
    table.name = {schema, name};
    catalog.tables.push_back(table);
    if (placed) {
      place(catalog.tables.back());
    }
    return catalog.tables.back();
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
    catalog::Column column;
    column.name = name;
    column.type = type;
    column.number = number;
    column.not_null = not_null;
    return column;
  }

  catalog::Type& type(const std::string& name, catalog::TypeKind kind) {
    catalog::Type type;
    type.oid = next_oid++;
    type.name = {"public", name};
    type.kind = kind;
    catalog.types.push_back(type);
    target.types.push_back(type.oid);
    return catalog.types.back();
  }

  catalog::Sequence& sequence(const std::string& name, bool in_target = true) {
    catalog::Sequence sequence;
    sequence.oid = next_oid++;
    sequence.name = {"public", name};
    sequence.data_type = "bigint";
    sequence.maximum = 9223372036854775807;
    catalog.sequences.push_back(sequence);
    if (in_target) {
      target.sequences.push_back(sequence.oid);
    }
    return catalog.sequences.back();
  }

  catalog::Function& function(const std::string& name, const std::string& definition) {
    catalog::Function function;
    function.oid = next_oid++;
    function.name = {"public", name};
    function.definition = definition;
    catalog.functions.push_back(function);
    target.functions.push_back(function.oid);
    return catalog.functions.back();
  }

  catalog::View& view(const std::string& name, const std::string& definition,
                      catalog::ViewKind kind = catalog::ViewKind::view) {
    catalog::View view;
    view.oid = next_oid++;
    view.name = {"public", name};
    view.kind = kind;
    view.definition = definition;
    catalog.views.push_back(view);
    target.views.push_back(view.oid);
    return catalog.views.back();
  }

  void depends(catalog::ObjectRef dependent, catalog::ObjectRef referenced) {
    catalog.dependencies.push_back({dependent, referenced});
  }

  schema::TargetDdl generate() const { return schema::generate_target_ddl(catalog, target); }

  catalog::Catalog catalog;
  plan::TargetPlan target;
  catalog::Oid next_oid = 20000;
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
