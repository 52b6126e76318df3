#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/row_values.hpp>

namespace pgsplit::catalog::detail {

namespace {

// Extended statistics objects on the selected tables (wherever the object itself lives).
constexpr std::string_view statistics_query = R"(
  SELECT s.stxrelid AS table_oid, n.nspname AS schema, s.stxname AS name,
         pg_get_statisticsobjdef(s.oid) AS definition,
         coalesce(s.stxstattarget::int, -1) AS target, pg_get_userbyid(s.stxowner) AS owner,
         ds.description AS comment
  FROM pg_statistic_ext s
  JOIN pg_class c ON c.oid = s.stxrelid
  JOIN pg_namespace n ON n.oid = s.stxnamespace
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_statistic_ext'::regclass
                             AND ds.objoid = s.oid AND ds.objsubid = 0
  WHERE c.relnamespace = ANY ($1::oid[]) AND c.relkind IN ('r', 'p')
  ORDER BY s.stxrelid, n.nspname, s.stxname)";

} // namespace

void load_statistics(const Scope& scope, const Relations& relations) {
  const auto result = scope.query(statistics_query);
  for (int row = 0; row < result.rows(); ++row) {
    if (Table* table = relations.tables.find(oid_value(result, row, "table_oid"))) {
      table->extended_statistics.push_back(
          {.name = {result.text(row, "schema"), result.text(row, "name")},
           .definition = result.text(row, "definition"),
           .target = static_cast<int>(result.int64(row, "target")),
           .owner = result.text(row, "owner"),
           .comment = result.optional_text(row, "comment")});
    }
  }
}

} // namespace pgsplit::catalog::detail
