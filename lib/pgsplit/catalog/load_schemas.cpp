#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/row_values.hpp>
#include <pgsplit/core/did_you_mean.hpp>
#include <pgsplit/core/error.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pgsplit::catalog::detail {
namespace {

// Every user schema (not pg_*, information_schema or an extension's own), with whether it is
// selected by $1 (an empty list selects all).
constexpr std::string_view schemas_query = R"(
  SELECT n.oid, n.nspname AS name, ds.description AS comment,
         (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[])) AS selected
  FROM pg_namespace n
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_namespace'::regclass AND ds.objoid = n.oid
                             AND ds.objsubid = 0
  WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    AND NOT EXISTS (SELECT FROM pg_depend d
                    WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid
                      AND d.deptype = 'e')
  ORDER BY n.nspname)";

constexpr std::string_view extensions_query = R"(
  SELECT e.oid, e.extname AS name, n.nspname AS schema, e.extversion AS version
  FROM pg_extension e
  JOIN pg_namespace n ON n.oid = e.extnamespace
  ORDER BY e.extname)";

void check_all_found(const std::vector<std::string>& requested, const std::vector<Schema>& found,
                     const std::vector<std::string>& all_names) {
  for (const auto& name : requested) {
    const bool exists = std::any_of(found.begin(), found.end(),
                                    [&name](const Schema& schema) { return schema.name == name; });
    if (!exists) {
      throw core::Error(fmt::format("schema '{}' is not a user schema of the source database{}",
                                    name, core::did_you_mean_suffix(name, all_names)),
                        "list the source's schemas with \\dn in psql; schema names are "
                        "case-sensitive");
    }
  }
}

} // namespace

std::vector<Schema> load_schemas(pg::Connection& connection,
                                 const std::vector<std::string>& requested) {
  const auto result = connection.exec(schemas_query, {text_array_literal(requested)});
  std::vector<Schema> schemas;
  std::vector<std::string> all_names;
  for (int row = 0; row < result.rows(); ++row) {
    all_names.push_back(result.text(row, "name"));
    if (result.boolean(row, "selected")) {
      schemas.push_back({.oid = oid_value(result, row, "oid"),
                         .name = result.text(row, "name"),
                         .comment = result.optional_text(row, "comment")});
    }
  }
  check_all_found(requested, schemas, all_names);
  return schemas;
}

std::vector<Extension> load_extensions(pg::Connection& connection) {
  const auto result = connection.exec(extensions_query);
  std::vector<Extension> extensions;
  for (int row = 0; row < result.rows(); ++row) {
    extensions.push_back({.oid = oid_value(result, row, "oid"),
                          .name = result.text(row, "name"),
                          .schema = result.text(row, "schema"),
                          .version = result.text(row, "version")});
  }
  return extensions;
}

} // namespace pgsplit::catalog::detail
