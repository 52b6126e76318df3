#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/row_values.hpp>

#include <nlohmann/json.hpp>

namespace pgsplit::catalog::detail {
namespace {

// Views and materialized views of the selected schemas, leaving out those of an extension.
// Their indexes are read with the tables' (load_indexes).
constexpr std::string_view views_query = R"(
  SELECT c.oid, n.nspname AS schema, c.relname AS name, c.relkind AS kind,
         pg_get_viewdef(c.oid, true) AS definition, c.relispopulated AS populated,
         ds.description AS comment, array_to_json(c.reloptions) AS options,
         (SELECT json_agg(json_build_array(a.attname, cd.description) ORDER BY a.attnum)
          FROM pg_attribute a
          JOIN pg_description cd ON cd.classoid = 'pg_class'::regclass AND cd.objoid = c.oid
                                AND cd.objsubid = a.attnum
          WHERE a.attrelid = c.oid AND a.attnum > 0) AS column_comments
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_class'::regclass AND ds.objoid = c.oid
                             AND ds.objsubid = 0
  WHERE c.relnamespace = ANY ($1::oid[]) AND c.relkind IN ('v', 'm')
    AND NOT EXISTS (SELECT FROM pg_depend d
                    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                      AND d.deptype = 'e')
  ORDER BY n.nspname, c.relname)";

// [["column", "comment"], …] as json_agg writes it.
std::vector<std::pair<std::string, std::string>>
column_comments(const std::optional<std::string>& json) {
  std::vector<std::pair<std::string, std::string>> comments;
  if (!json) {
    return comments;
  }
  for (const auto& pair : nlohmann::json::parse(*json)) {
    comments.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
  }
  return comments;
}

View read_view(const pg::Result& result, int row) {
  View view;
  view.oid = oid_value(result, row, "oid");
  view.name = {result.text(row, "schema"), result.text(row, "name")};
  view.kind = char_value(result, row, "kind") == 'm' ? ViewKind::materialized_view : ViewKind::view;
  view.definition = result.text(row, "definition");
  view.comment = result.optional_text(row, "comment");
  view.populated = result.boolean(row, "populated");
  view.options = json_strings(result, row, "options");
  view.column_comments = column_comments(result.optional_text(row, "column_comments"));
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
