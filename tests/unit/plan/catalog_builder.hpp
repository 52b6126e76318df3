#pragma once

// Hand-built catalogs and mappings for the planner's unit tests (no server).
#include <pgsplit/catalog/model.hpp>
#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping_loader.hpp>

#include <string>

namespace pgsplit::testing {

class CatalogBuilder {
public:
  CatalogBuilder() {
    catalog_.database = "monolith";
    catalog_.server_encoding = "UTF8";
    catalog_.server_version = 150000;
    catalog_.schemas.push_back({2200, "public", std::nullopt});
  }

  catalog::Table& table(const std::string& schema, const std::string& name,
                        std::int64_t size_bytes = 8192) {
    catalog::Table table;
    table.oid = next_oid_++;
    table.name = {schema, name};
    table.size_bytes = size_bytes;
    table.estimated_rows = size_bytes / 100;
    table.columns.push_back(
        {.name = "id", .number = 1, .type = "integer", .type_oid = 23, .not_null = true});
    catalog_.tables.push_back(std::move(table));
    return catalog_.tables.back();
  }

  catalog::Oid oid_of(const std::string& schema, const std::string& name) const {
    return catalog_.find_table(catalog::QualifiedName{schema, name})->oid;
  }

  void partition(const std::string& parent, const std::string& child) {
    auto& table = this->table("public", child);
    table.partition_parent = oid_of("public", parent);
    table.partition_bound = "DEFAULT";
  }

  void foreign_key(const std::string& child, const std::string& parent) {
    auto* table =
        const_cast<catalog::Table*>(catalog_.find_table(catalog::QualifiedName{"public", child}));
    catalog::Constraint constraint;
    constraint.oid = next_oid_++;
    constraint.name = child + "_" + parent + "_fkey";
    constraint.kind = catalog::ConstraintKind::foreign_key;
    constraint.columns = {parent + "_id"};
    constraint.referenced_table = oid_of("public", parent);
    constraint.referenced_columns = {"id"};
    table->constraints.push_back(constraint);
    depends({catalog::ObjectKind::table, table->oid},
            {catalog::ObjectKind::table, *constraint.referenced_table});
  }

  catalog::Oid type(const std::string& name, catalog::TypeKind kind) {
    catalog::Type type;
    type.oid = next_oid_++;
    type.name = {"public", name};
    type.kind = kind;
    catalog_.types.push_back(type);
    return type.oid;
  }

  catalog::Oid sequence(const std::string& name) {
    catalog::Sequence sequence;
    sequence.oid = next_oid_++;
    sequence.name = {"public", name};
    sequence.data_type = "bigint";
    catalog_.sequences.push_back(sequence);
    return sequence.oid;
  }

  catalog::Oid function(const std::string& name, const std::string& body) {
    catalog::Function function;
    function.oid = next_oid_++;
    function.name = {"public", name};
    function.body = body;
    catalog_.functions.push_back(function);
    return function.oid;
  }

  catalog::Oid view(const std::string& name, const std::vector<std::string>& tables) {
    catalog::View view;
    view.oid = next_oid_++;
    view.name = {"public", name};
    catalog_.views.push_back(view);
    for (const auto& table : tables) {
      depends({catalog::ObjectKind::view, view.oid},
              {catalog::ObjectKind::table, oid_of("public", table)});
    }
    return view.oid;
  }

  void depends(catalog::ObjectRef dependent, catalog::ObjectRef referenced) {
    catalog_.dependencies.push_back({dependent, referenced});
  }

  const catalog::Catalog& catalog() const { return catalog_; }

private:
  catalog::Catalog catalog_;
  catalog::Oid next_oid_ = 16384;
};

inline config::Mapping mapping_from(const std::string& yaml) {
  return config::parse_mapping(yaml, "/work/pgsplit.yaml", config::fixed_environment({}));
}

} // namespace pgsplit::testing
