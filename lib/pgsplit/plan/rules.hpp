#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/config/mapping.hpp>
#include <pgsplit/plan/facts.hpp>
#include <pgsplit/plan/plan.hpp>

// The planner's rules after placement; internal (see build_plan.hpp).
namespace pgsplit::plan::detail {

// Rule 5: foreign keys whose ends land in different targets (or whose parent stays behind).
void find_cross_target_foreign_keys(const config::Mapping& mapping, const catalog::Catalog& catalog,
                                    Plan& plan);

// Rule 6: what each target needs besides its tables (schemas, extensions, types, functions,
// sequences, views), views left behind, sequences shared between targets.
void compute_closures(const catalog::Catalog& catalog, Plan& plan);

// Rule 7, roles: owners the target server lacks or pgsplit may not assign (warnings; the
// objects stay with the connecting role), grantees it lacks (warnings; grants left out), roles
// of row-level security policies it lacks (errors), objects only a superuser may create when
// pgsplit's role is not one (errors). Records the first two in `target`.
void check_target_roles(Plan& plan, TargetPlan& target, const core::Location& where,
                        const catalog::Catalog& catalog, const TargetFacts& facts);

// Rule 8, reshaping (`columns:`, `key: uuid`): the columns exist, nothing the target keeps
// uses a dropped or converted column, uuid keys are single integer columns; records in each
// placement the foreign-key columns that follow a uuid key.
void check_reshaping(const catalog::Catalog& catalog, Plan& plan);

// Under options.schema: existing the services' migrations made the target tables: pgsplit
// cannot reshape into them, and every reshaped entry is an error.
void refuse_reshaping_existing_schema(Plan& plan);

} // namespace pgsplit::plan::detail
