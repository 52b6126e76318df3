#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/config/mapping.hpp>
#include <pgsplit/plan/plan.hpp>

// The last phase of `pgsplit apply`, after its verification: each target's row-level security
// policies, owners and privileges (schema::TargetDdl::access). Last because once they are set,
// the role pgsplit connects as may no longer read every row (a FORCEd policy applies to the
// table's owner and its members) or own the objects.
namespace pgsplit::copy {

// Runs every target's access statements in one transaction per target, and records it in the
// target's _pgsplit.phases ('access'), so that `apply --resume` does not run them twice.
// Nothing to do with options.schema: existing (pgsplit created no object).
void apply_access(const config::Mapping& mapping, const catalog::Catalog& catalog,
                  const plan::Plan& plan);

} // namespace pgsplit::copy
