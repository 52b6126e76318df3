#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/row_values.hpp>

namespace pgsplit::catalog::detail {
namespace {

// Functions, procedures, aggregates and window functions, leaving out those of an extension
// and those internal to a type (the constructors of range and multirange types).
// pg_get_functiondef refuses aggregates: their definition is left empty. The body is prosrc,
// or the parsed SQL-standard body (BEGIN ATOMIC …) when there is one.
constexpr std::string_view functions_query = R"(
  SELECT p.oid, n.nspname AS schema, p.proname AS name, p.prokind AS kind,
         pg_get_function_identity_arguments(p.oid) AS identity_arguments,
         CASE WHEN p.prokind = 'a' THEN '' ELSE pg_get_functiondef(p.oid) END AS definition,
         CASE WHEN p.prosqlbody IS NULL THEN p.prosrc ELSE pg_get_function_sqlbody(p.oid) END
           AS body,
         ds.description AS comment
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_proc'::regclass AND ds.objoid = p.oid
                             AND ds.objsubid = 0
  WHERE p.pronamespace = ANY ($1::oid[])
    AND NOT EXISTS (SELECT FROM pg_depend d
                    WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                      AND (d.deptype = 'e'
                           OR (d.deptype = 'i' AND d.refclassid = 'pg_type'::regclass)))
  ORDER BY n.nspname, p.proname, identity_arguments)";

Function read_function(const pg::Result& result, int row) {
  Function function;
  function.oid = oid_value(result, row, "oid");
  function.name = {result.text(row, "schema"), result.text(row, "name")};
  function.identity_arguments = result.text(row, "identity_arguments");
  function.definition = result.text(row, "definition");
  function.body = result.text(row, "body");
  function.kind = char_value(result, row, "kind");
  function.comment = result.optional_text(row, "comment");
  return function;
}

} // namespace

std::vector<Function> load_functions(const Scope& scope) {
  const auto result = scope.query(functions_query);
  std::vector<Function> functions;
  functions.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    functions.push_back(read_function(result, row));
  }
  return functions;
}

} // namespace pgsplit::catalog::detail
