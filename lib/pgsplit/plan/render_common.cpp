#include <pgsplit/plan/render_common.hpp>

#include <fmt/format.h>

#include <array>

namespace pgsplit::plan::render {
namespace {

std::string unknown(std::string_view kind, catalog::Oid oid) {
  return fmt::format("(unknown {} {})", kind, oid);
}

std::size_t count_findings(const Plan& plan, Severity severity) {
  std::size_t count = 0;
  for (const Finding& finding : plan.findings) {
    count += finding.severity == severity ? 1 : 0;
  }
  return count;
}

} // namespace

std::string count_of(std::int64_t count, std::string_view singular, std::string_view plural) {
  return fmt::format("{} {}", format_count(count), count == 1 ? singular : plural);
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (const char c : text) {
    // Continuation bytes of a UTF-8 sequence are 10xxxxxx.
    width += (static_cast<unsigned char>(c) & 0xC0U) == 0x80U ? 0 : 1;
  }
  return width;
}

std::string_view type_kind_name(catalog::TypeKind kind) {
  switch (kind) {
  case catalog::TypeKind::enumeration:
    return "enum";
  case catalog::TypeKind::domain:
    return "domain";
  case catalog::TypeKind::composite:
    return "composite";
  case catalog::TypeKind::range:
    return "range";
  }
  return "type";
}

std::string type_name(const catalog::Catalog& catalog, catalog::Oid oid) {
  const catalog::Type* type = catalog.find_type(oid);
  return type == nullptr ? unknown("type", oid) : type->name.to_string();
}

std::string sequence_name(const catalog::Catalog& catalog, catalog::Oid oid) {
  const catalog::Sequence* sequence = catalog.find_sequence(oid);
  return sequence == nullptr ? unknown("sequence", oid) : sequence->name.to_string();
}

std::string extension_name(const catalog::Catalog& catalog, catalog::Oid oid) {
  const catalog::Extension* extension = catalog.find_extension(oid);
  return extension == nullptr ? unknown("extension", oid) : extension->name;
}

std::string function_name(const catalog::Catalog& catalog, catalog::Oid oid) {
  const catalog::Function* function = catalog.find_function(oid);
  return function == nullptr ? unknown("function", oid) : function->name.to_string();
}

std::string function_arguments(const catalog::Catalog& catalog, catalog::Oid oid) {
  const catalog::Function* function = catalog.find_function(oid);
  return function == nullptr ? std::string() : function->identity_arguments;
}

std::string view_name(const catalog::Catalog& catalog, catalog::Oid oid) {
  const catalog::View* view = catalog.find_view(oid);
  return view == nullptr ? unknown("view", oid) : view->name.to_string();
}

std::pair<std::string, std::string> object_label(const catalog::Catalog& catalog,
                                                 const catalog::ObjectRef& ref) {
  const catalog::SchemaObject* object = catalog.find_object(ref);
  const std::string kind(catalog::to_string(ref.kind));
  return {kind, object == nullptr ? unknown(kind, ref.oid) : object->readable()};
}

bool is_materialized(const catalog::Catalog& catalog, catalog::Oid view) {
  const catalog::View* found = catalog.find_view(view);
  return found != nullptr && found->kind == catalog::ViewKind::materialized_view;
}

std::string table_name(const catalog::Catalog& catalog, catalog::Oid oid) {
  const catalog::Table* table = catalog.find_table(oid);
  return table == nullptr ? unknown("table", oid) : table->name.to_string();
}

std::size_t error_count(const Plan& plan) { return count_findings(plan, Severity::error); }

std::size_t warning_count(const Plan& plan) { return count_findings(plan, Severity::warning); }

std::size_t placed_table_count(const Plan& plan) {
  std::size_t count = 0;
  for (const TargetPlan& target : plan.targets) {
    count += target.tables.size();
  }
  return count;
}

std::int64_t total_rows(const Plan& plan) {
  std::int64_t rows = 0;
  for (const TargetPlan& target : plan.targets) {
    rows += target.estimated_rows;
  }
  return rows;
}

std::int64_t total_bytes(const Plan& plan) {
  std::int64_t bytes = 0;
  for (const TargetPlan& target : plan.targets) {
    bytes += target.size_bytes;
  }
  return bytes;
}

} // namespace pgsplit::plan::render
