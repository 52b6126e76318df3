#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/config/mapping.hpp>
#include <pgsplit/plan/plan.hpp>

// The planner's rules after placement; internal (see build_plan.hpp).
namespace pgsplit::plan::detail {

// Rule 5: foreign keys whose ends land in different targets (or whose parent stays behind).
void find_cross_target_foreign_keys(const config::Mapping& mapping, const catalog::Catalog& catalog,
                                    Plan& plan);

// Rule 6: what each target needs besides its tables (schemas, extensions, types, functions,
// sequences, views), views left behind, sequences shared between targets.
void compute_closures(const catalog::Catalog& catalog, Plan& plan);

} // namespace pgsplit::plan::detail
