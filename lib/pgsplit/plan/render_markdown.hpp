#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/plan/plan.hpp>

#include <string>

namespace pgsplit::plan {

// The plan as a Markdown summary to paste into an issue, a pull request or a chat: the verdict
// as a heading, the errors and warnings first, then one table row per target, the cross-target
// foreign keys and what stays in the source. No terminal escapes. Layout: docs/plan-output.md.
std::string render_markdown(const Plan& plan, const catalog::Catalog& catalog);

} // namespace pgsplit::plan
