#include <pgsplit/pg/quote.hpp>
#include <pgsplit/schema/ddl_steps.hpp>

#include <fmt/format.h>

#include <string_view>

namespace pgsplit::schema::detail {
namespace {

using catalog::Type;

constexpr std::string_view not_valid_suffix = " NOT VALID";

bool is_unvalidated(const catalog::DomainConstraint& constraint) {
  return constraint.definition.ends_with(not_valid_suffix);
}

std::string enum_sql(const Type& type) {
  std::vector<std::string> labels;
  for (const auto& label : type.enum_labels) {
    labels.push_back(pg::quote_literal(label));
  }
  return fmt::format("CREATE TYPE {} AS ENUM ({})",
                     pg::quote_qualified(type.name.schema, type.name.name),
                     fmt::join(labels, ", "));
}

// CREATE DOMAIN takes no NOT VALID: those checks are added after the data (see
// add_unvalidated_domain_checks).
std::string domain_sql(const Type& type) {
  std::string sql =
      fmt::format("CREATE DOMAIN {} AS {}", pg::quote_qualified(type.name.schema, type.name.name),
                  type.domain_base_type);
  if (type.domain_collation) {
    sql += " COLLATE " + *type.domain_collation;
  }
  if (type.domain_default) {
    sql += " DEFAULT " + *type.domain_default;
  }
  if (type.domain_not_null) {
    sql += " NOT NULL";
  }
  for (const auto& constraint : type.domain_constraints) {
    if (!is_unvalidated(constraint)) {
      sql +=
          fmt::format(" CONSTRAINT {} {}", pg::quote_ident(constraint.name), constraint.definition);
    }
  }
  return sql;
}

std::string composite_sql(const Type& type) {
  std::vector<std::string> attributes;
  for (const auto& attribute : type.composite_attributes) {
    std::string definition = pg::quote_ident(attribute.name) + " " + attribute.type;
    if (attribute.collation) {
      definition += " COLLATE " + *attribute.collation;
    }
    attributes.push_back(std::move(definition));
  }
  return fmt::format("CREATE TYPE {} AS ({})",
                     pg::quote_qualified(type.name.schema, type.name.name),
                     fmt::join(attributes, ", "));
}

// The loader gives each option only when it is not what CREATE TYPE would choose by itself;
// the multirange's name is always given, so it is the source's whatever the default rule.
std::string range_sql(const Type& type) {
  std::vector<std::string> options{"SUBTYPE = " + type.range_subtype};
  const auto option = [&options](std::string_view name, const std::optional<std::string>& value) {
    if (value) {
      options.push_back(fmt::format("{} = {}", name, *value));
    }
  };
  option("SUBTYPE_OPCLASS", type.range_subtype_opclass);
  option("COLLATION", type.range_collation);
  option("CANONICAL", type.range_canonical);
  option("SUBTYPE_DIFF", type.range_subtype_diff);
  option("MULTIRANGE_TYPE_NAME", type.multirange_name);
  return fmt::format("CREATE TYPE {} AS RANGE ({})",
                     pg::quote_qualified(type.name.schema, type.name.name),
                     fmt::join(options, ", "));
}

std::string type_sql(const Type& type) {
  switch (type.kind) {
  case catalog::TypeKind::enumeration:
    return enum_sql(type);
  case catalog::TypeKind::domain:
    return domain_sql(type);
  case catalog::TypeKind::composite:
    return composite_sql(type);
  case catalog::TypeKind::range:
    return range_sql(type);
  }
  return {};
}

} // namespace

void add_type(std::vector<Statement>& out, const Type& type) {
  const std::string readable = type.name.to_string();
  out.push_back(
      statement(type_sql(type), fmt::format("{} {}", catalog::to_string(type.kind), readable)));
  add_comment(out, "TYPE " + pg::quote_qualified(type.name.schema, type.name.name),
              "type " + readable, type.comment);
}

void add_unvalidated_domain_checks(std::vector<Statement>& out, const Context& context) {
  for (const catalog::Oid oid : context.target().types) {
    const auto* type = context.catalog().find_type(oid);
    if (type == nullptr || type->kind != catalog::TypeKind::domain) {
      continue;
    }
    for (const auto& constraint : type->domain_constraints) {
      if (is_unvalidated(constraint)) {
        out.push_back(
            statement(fmt::format("ALTER DOMAIN {} ADD CONSTRAINT {} {}",
                                  pg::quote_qualified(type->name.schema, type->name.name),
                                  pg::quote_ident(constraint.name), constraint.definition),
                      fmt::format("check {} on domain {} (NOT VALID)", constraint.name,
                                  type->name.to_string())));
      }
    }
  }
}

} // namespace pgsplit::schema::detail
