#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/row_values.hpp>

namespace pgsplit::catalog::detail {
namespace {

// Views and materialized views of the selected schemas, leaving out those of an extension.
// Their indexes are read with the tables' (load_indexes).
constexpr std::string_view views_query = R"(
  SELECT c.oid, n.nspname AS schema, c.relname AS name, c.relkind AS kind,
         pg_get_viewdef(c.oid, true) AS definition,
         ds.description AS comment
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_class'::regclass AND ds.objoid = c.oid
                             AND ds.objsubid = 0
  WHERE c.relnamespace = ANY ($1::oid[]) AND c.relkind IN ('v', 'm')
    AND NOT EXISTS (SELECT FROM pg_depend d
                    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                      AND d.deptype = 'e')
  ORDER BY n.nspname, c.relname)";

View read_view(const pg::Result& result, int row) {
  View view;
  view.oid = oid_value(result, row, "oid");
  view.name = {result.text(row, "schema"), result.text(row, "name")};
  view.kind = char_value(result, row, "kind") == 'm' ? ViewKind::materialized_view : ViewKind::view;
  view.definition = result.text(row, "definition");
  view.comment = result.optional_text(row, "comment");
  return view;
}

} // namespace

std::vector<View> load_views(const Scope& scope) {
  const auto result = scope.query(views_query);
  std::vector<View> views;
  views.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    views.push_back(read_view(result, row));
  }
  return views;
}

} // namespace pgsplit::catalog::detail
