#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/row_values.hpp>

namespace pgsplit::catalog::detail {
namespace {

// Rules on the selected tables (a view's _RETURN rule is its query: not a rule here), with the
// other relations their actions name (from pg_depend), so that a target creates a rule only
// where those exist too.
constexpr std::string_view rules_query = R"(
  SELECT r.oid, r.ev_class AS table_oid, r.rulename AS name,
         pg_get_ruledef(r.oid) AS definition, r.ev_enabled AS enabled,
         (SELECT json_agg(DISTINCT d.refobjid::bigint) FROM pg_depend d
          WHERE d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
            AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> r.ev_class) AS relations,
         ds.description AS comment
  FROM pg_rewrite r
  JOIN pg_class c ON c.oid = r.ev_class
  LEFT JOIN pg_description ds ON ds.classoid = 'pg_rewrite'::regclass AND ds.objoid = r.oid
                             AND ds.objsubid = 0
  WHERE c.relnamespace = ANY ($1::oid[]) AND c.relkind IN ('r', 'p') AND r.rulename <> '_RETURN'
  ORDER BY r.ev_class, r.rulename)";

} // namespace

void load_rules(const Scope& scope, const Relations& relations) {
  const auto result = scope.query(rules_query);
  for (int row = 0; row < result.rows(); ++row) {
    if (Table* table = relations.tables.find(oid_value(result, row, "table_oid"))) {
      table->rules.push_back({.oid = oid_value(result, row, "oid"),
                              .name = result.text(row, "name"),
                              .definition = result.text(row, "definition"),
                              .enabled = char_value(result, row, "enabled"),
                              .relations = json_oids(result, row, "relations"),
                              .comment = result.optional_text(row, "comment")});
    }
  }
}

} // namespace pgsplit::catalog::detail
