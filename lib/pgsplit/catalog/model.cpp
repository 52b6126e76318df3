#include <pgsplit/catalog/model.hpp>

#include <algorithm>

namespace pgsplit::catalog {
namespace {

template <typename Item> const Item* find_by_oid(const std::vector<Item>& items, Oid oid) {
  const auto found =
      std::find_if(items.begin(), items.end(), [oid](const Item& item) { return item.oid == oid; });
  return found == items.end() ? nullptr : &*found;
}

} // namespace

std::string_view to_string(TypeKind kind) {
  switch (kind) {
  case TypeKind::enumeration:
    return "enum";
  case TypeKind::domain:
    return "domain";
  case TypeKind::composite:
    return "composite type";
  case TypeKind::range:
    return "range type";
  }
  return "type";
}

std::string_view to_string(TableKind kind) {
  switch (kind) {
  case TableKind::table:
    return "table";
  case TableKind::partitioned_table:
    return "partitioned table";
  case TableKind::foreign_table:
    return "foreign table";
  }
  return "table";
}

std::string_view to_string(ConstraintKind kind) {
  switch (kind) {
  case ConstraintKind::primary_key:
    return "primary key";
  case ConstraintKind::unique:
    return "unique";
  case ConstraintKind::foreign_key:
    return "foreign key";
  case ConstraintKind::check:
    return "check";
  case ConstraintKind::exclusion:
    return "exclusion";
  }
  return "constraint";
}

std::string_view to_string(ColumnUseKind kind) {
  switch (kind) {
  case ColumnUseKind::index:
    return "index";
  case ColumnUseKind::constraint:
    return "constraint";
  case ColumnUseKind::default_value:
    return "default";
  case ColumnUseKind::generated_column:
    return "generated column";
  case ColumnUseKind::view:
    return "view";
  case ColumnUseKind::rule:
    return "rule";
  case ColumnUseKind::trigger:
    return "trigger";
  case ColumnUseKind::policy:
    return "policy";
  case ColumnUseKind::statistics:
    return "statistics object";
  case ColumnUseKind::other:
    break;
  }
  return "object";
}

std::string_view to_string(ObjectKind kind) {
  switch (kind) {
  case ObjectKind::schema:
    return "schema";
  case ObjectKind::extension:
    return "extension";
  case ObjectKind::type:
    return "type";
  case ObjectKind::function:
    return "function";
  case ObjectKind::sequence:
    return "sequence";
  case ObjectKind::table:
    return "table";
  case ObjectKind::view:
    return "view";
  case ObjectKind::collation:
    return "collation";
  case ObjectKind::operator_:
    return "operator";
  case ObjectKind::operator_family:
    return "operator family";
  case ObjectKind::operator_class:
    return "operator class";
  case ObjectKind::cast:
    return "cast";
  case ObjectKind::text_search_parser:
    return "text search parser";
  case ObjectKind::text_search_template:
    return "text search template";
  case ObjectKind::text_search_dictionary:
    return "text search dictionary";
  case ObjectKind::text_search_configuration:
    return "text search configuration";
  case ObjectKind::conversion:
    return "conversion";
  }
  return "object";
}

const SchemaObject* Catalog::find_object(const ObjectRef& ref) const {
  const auto found = std::find_if(objects.begin(), objects.end(), [&](const SchemaObject& item) {
    return item.kind == ref.kind && item.oid == ref.oid;
  });
  return found == objects.end() ? nullptr : &*found;
}

const std::string* SchemaObject::setting(std::string_view key) const {
  for (const auto& [setting_key, value] : settings) {
    if (setting_key == key) {
      return &value;
    }
  }
  return nullptr;
}

std::string SchemaObject::readable() const {
  if (kind == ObjectKind::cast) {
    return "(" + name.name + ")";
  }
  if (kind == ObjectKind::operator_) {
    const auto* left = setting("LEFTARG");
    const auto* right = setting("RIGHTARG");
    return name.to_string() + "(" + (left != nullptr ? *left : "NONE") + ", " +
           (right != nullptr ? *right : "NONE") + ")";
  }
  return name.to_string();
}

void Catalog::index_tables() {
  table_positions.clear();
  table_positions.reserve(tables.size());
  for (std::size_t position = 0; position < tables.size(); ++position) {
    table_positions.emplace_back(tables[position].oid, position);
  }
  std::sort(table_positions.begin(), table_positions.end());
}

const Table* Catalog::find_table(Oid oid) const {
  if (table_positions.size() == tables.size() && !tables.empty()) {
    const auto found = std::lower_bound(table_positions.begin(), table_positions.end(),
                                        std::pair<Oid, std::size_t>{oid, 0});
    if (found != table_positions.end() && found->first == oid && found->second < tables.size() &&
        tables[found->second].oid == oid) {
      return &tables[found->second];
    }
    if (found == table_positions.end() || found->first != oid) {
      return nullptr;
    }
  }
  return find_by_oid(tables, oid);
}

const Table* Catalog::find_table(const QualifiedName& qualified) const {
  const auto found = std::find_if(tables.begin(), tables.end(),
                                  [&](const Table& table) { return table.name == qualified; });
  return found == tables.end() ? nullptr : &*found;
}

const Sequence* Catalog::find_sequence(Oid oid) const { return find_by_oid(sequences, oid); }
const Type* Catalog::find_type(Oid oid) const { return find_by_oid(types, oid); }
const Function* Catalog::find_function(Oid oid) const { return find_by_oid(functions, oid); }
const View* Catalog::find_view(Oid oid) const { return find_by_oid(views, oid); }
const Extension* Catalog::find_extension(Oid oid) const { return find_by_oid(extensions, oid); }

const Schema* Catalog::find_schema(const std::string& name) const {
  const auto found = std::find_if(schemas.begin(), schemas.end(),
                                  [&](const Schema& schema) { return schema.name == name; });
  return found == schemas.end() ? nullptr : &*found;
}

} // namespace pgsplit::catalog
