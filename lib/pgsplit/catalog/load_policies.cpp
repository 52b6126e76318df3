#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/row_values.hpp>

namespace pgsplit::catalog::detail {
namespace {

// Row-level security policies of the selected tables, with their roles by name (0, PUBLIC,
// as "public": CREATE POLICY … TO public) and their comments.
constexpr std::string_view policies_query = R"(
  SELECT p.polrelid AS table_oid, p.polname AS name, p.polpermissive AS permissive,
         CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                       WHEN 'd' THEN 'DELETE' ELSE 'ALL' END AS command,
         (SELECT json_agg(CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r) END
                          ORDER BY CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r) END)
          FROM unnest(p.polroles) r) AS roles,
         pg_get_expr(p.polqual, p.polrelid) AS using_expression,
         pg_get_expr(p.polwithcheck, p.polrelid) AS check_expression,
         ds.description AS comment
  FROM pg_policy p
  JOIN pg_class c ON c.oid = p.polrelid
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_policy'::regclass AND ds.objoid = p.oid
                             AND ds.objsubid = 0
  WHERE c.relnamespace = ANY ($1::oid[]) AND c.relkind IN ('r', 'p', 'f')
  ORDER BY p.polrelid, p.polname)";

} // namespace

void load_policies(const Scope& scope, const Relations& relations) {
  const auto result = scope.query(policies_query);
  for (int row = 0; row < result.rows(); ++row) {
    if (Table* table = relations.tables.find(oid_value(result, row, "table_oid"))) {
      table->policies.push_back({.name = result.text(row, "name"),
                                 .permissive = result.boolean(row, "permissive"),
                                 .command = result.text(row, "command"),
                                 .roles = json_strings(result, row, "roles"),
                                 .using_expression = result.optional_text(row, "using_expression"),
                                 .check_expression = result.optional_text(row, "check_expression"),
                                 .comment = result.optional_text(row, "comment")});
    }
  }
}

} // namespace pgsplit::catalog::detail
