#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/plan/plan.hpp>
#include <pgsplit/verify/report.hpp>

#include <string>
#include <vector>

// Access parity: what `apply` promised about who owns each object of a target and who may use
// it — owners, privileges (object, column and schema default privileges), row-level security
// flags and policies — against what the target holds.
namespace pgsplit::verify {

// Compares the owners and privileges of the schemas, types, routines, sequences, tables (with
// their column privileges) and views `target` creates, the default privileges of its schemas,
// and each table's ENABLE/FORCE ROW LEVEL SECURITY and policies (name, command, permissive or
// restrictive, roles, USING, WITH CHECK). Expected is what the split carries, by the rules of
// plan/ownership.hpp: `target` must hold the role facts the plan's role rules recorded
// (unassignable owners, missing roles); an owner the split could not keep is expected to be
// `connecting_role`, and options.owners / options.privileges are honoured. One mismatch
// finding per difference, naming the object and what differs. Pure.
void compare_access(const catalog::Catalog& source, const plan::TargetPlan& target,
                    const catalog::Catalog& target_catalog, const std::string& connecting_role,
                    std::vector<Finding>& findings);

} // namespace pgsplit::verify
