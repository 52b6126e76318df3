#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/plan/plan.hpp>

#include <string>

namespace pgsplit::plan {

// The plan as plain text for a terminal or a ticket: no colour, lines of at most 100 columns
// (unless one name, filter or message is longer), ending with the verdict line
// "plan OK: …" or "plan has N errors (nothing was written)". Layout: docs/plan-output.md.
std::string render_text(const Plan& plan, const catalog::Catalog& catalog);

} // namespace pgsplit::plan
