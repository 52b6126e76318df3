#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/row_values.hpp>

namespace pgsplit::catalog::detail {
namespace {

// User triggers of the selected tables: internal ones (those of foreign keys) are left out;
// a clone on a partition has its partitioned table's trigger as tgparentid. Triggers on views
// (INSTEAD OF) are not read: the model's views have none. The write fence an online cut-over
// puts on the source (online/fence.hpp, schema _pgsplit_fence) belongs to no service.
constexpr std::string_view triggers_query = R"(
  SELECT t.oid, t.tgrelid AS table_oid, t.tgname AS name,
         pg_get_triggerdef(t.oid) AS definition, t.tgfoid AS function_oid,
         t.tgenabled <> 'D' AS enabled, t.tgparentid <> 0 AS is_clone, t.tgenabled AS mode,
         ds.description AS comment
  FROM pg_trigger t
  JOIN pg_class c ON c.oid = t.tgrelid
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_trigger'::regclass AND ds.objoid = t.oid
                             AND ds.objsubid = 0
  WHERE c.relnamespace = ANY ($1::oid[]) AND c.relkind IN ('r', 'p', 'f')
    AND NOT t.tgisinternal
    AND t.tgfoid NOT IN (SELECT p.oid FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                         WHERE n.nspname = '_pgsplit_fence')
  ORDER BY t.tgrelid, t.tgname)";

} // namespace

void load_triggers(const Scope& scope, const Relations& relations) {
  const auto result = scope.query(triggers_query);
  for (int row = 0; row < result.rows(); ++row) {
    if (Table* table = relations.tables.find(oid_value(result, row, "table_oid"))) {
      table->triggers.push_back({.oid = oid_value(result, row, "oid"),
                                 .name = result.text(row, "name"),
                                 .definition = result.text(row, "definition"),
                                 .function = oid_value(result, row, "function_oid"),
                                 .enabled = result.boolean(row, "enabled"),
                                 .is_clone = result.boolean(row, "is_clone"),
                                 .mode = char_value(result, row, "mode"),
                                 .comment = result.optional_text(row, "comment")});
    }
  }
}

} // namespace pgsplit::catalog::detail
