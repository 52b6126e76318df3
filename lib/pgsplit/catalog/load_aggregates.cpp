#include <pgsplit/catalog/load_steps.hpp>
#include <pgsplit/catalog/row_values.hpp>

namespace pgsplit::catalog::detail {
namespace {

// How the selected schemas' aggregates compute: support functions as regproc (a name, which
// CREATE AGGREGATE resolves with the argument types), types as format_type, the sort operator
// as OPERATOR(…). NULL where the aggregate has none.
constexpr std::string_view aggregates_query = R"(
  SELECT a.aggfnoid::oid AS oid, pg_get_function_arguments(a.aggfnoid) AS arguments,
         a.aggkind AS kind, a.aggtransfn::regproc::text AS transition,
         format_type(a.aggtranstype, NULL) AS state_type, a.aggtransspace AS state_space,
         CASE WHEN a.aggfinalfn <> 0 THEN a.aggfinalfn::regproc::text END AS final_function,
         a.aggfinalextra AS final_extra, a.aggfinalmodify AS final_modify,
         CASE WHEN a.aggcombinefn <> 0 THEN a.aggcombinefn::regproc::text END AS combine,
         CASE WHEN a.aggserialfn <> 0 THEN a.aggserialfn::regproc::text END AS serial,
         CASE WHEN a.aggdeserialfn <> 0 THEN a.aggdeserialfn::regproc::text END AS deserial,
         a.agginitval AS initial_condition,
         CASE WHEN a.aggmtransfn <> 0 THEN a.aggmtransfn::regproc::text END AS moving_transition,
         CASE WHEN a.aggminvtransfn <> 0 THEN a.aggminvtransfn::regproc::text END
           AS moving_inverse,
         CASE WHEN a.aggmtranstype <> 0 THEN format_type(a.aggmtranstype, NULL) END
           AS moving_state_type,
         a.aggmtransspace AS moving_state_space,
         CASE WHEN a.aggmfinalfn <> 0 THEN a.aggmfinalfn::regproc::text END AS moving_final,
         a.aggmfinalextra AS moving_final_extra, a.aggmfinalmodify AS moving_final_modify,
         a.aggminitval AS moving_initial_condition,
         CASE WHEN a.aggsortop <> 0 THEN 'OPERATOR(' || a.aggsortop::regoper::text || ')' END
           AS sort_operator,
         p.proparallel AS parallel
  FROM pg_aggregate a
  JOIN pg_proc p ON p.oid = a.aggfnoid
  WHERE p.pronamespace = ANY ($1::oid[]))";

Aggregate read_aggregate(const pg::Result& result, int row) {
  Aggregate aggregate;
  aggregate.arguments = result.text(row, "arguments");
  aggregate.kind = char_value(result, row, "kind");
  aggregate.transition = result.text(row, "transition");
  aggregate.state_type = result.text(row, "state_type");
  aggregate.state_space = static_cast<int>(result.int64(row, "state_space"));
  aggregate.final_function = result.optional_text(row, "final_function");
  aggregate.final_extra = result.boolean(row, "final_extra");
  aggregate.final_modify = char_value(result, row, "final_modify");
  aggregate.combine_function = result.optional_text(row, "combine");
  aggregate.serial_function = result.optional_text(row, "serial");
  aggregate.deserial_function = result.optional_text(row, "deserial");
  aggregate.initial_condition = result.optional_text(row, "initial_condition");
  aggregate.moving_transition = result.optional_text(row, "moving_transition");
  aggregate.moving_inverse = result.optional_text(row, "moving_inverse");
  aggregate.moving_state_type = result.optional_text(row, "moving_state_type");
  aggregate.moving_state_space = static_cast<int>(result.int64(row, "moving_state_space"));
  aggregate.moving_final_function = result.optional_text(row, "moving_final");
  aggregate.moving_final_extra = result.boolean(row, "moving_final_extra");
  aggregate.moving_final_modify = char_value(result, row, "moving_final_modify");
  aggregate.moving_initial_condition = result.optional_text(row, "moving_initial_condition");
  aggregate.sort_operator = result.optional_text(row, "sort_operator");
  aggregate.parallel = char_value(result, row, "parallel");
  return aggregate;
}

} // namespace

void load_aggregates(const Scope& scope, std::vector<Function>& functions) {
  const auto result = scope.query(aggregates_query);
  const ByOid<Function> lookup(functions);
  for (int row = 0; row < result.rows(); ++row) {
    if (Function* function = lookup.find(oid_value(result, row, "oid"))) {
      function->aggregate = read_aggregate(result, row);
    }
  }
}

} // namespace pgsplit::catalog::detail
