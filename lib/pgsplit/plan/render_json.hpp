#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/plan/plan.hpp>

#include <string>

namespace pgsplit::plan {

// The plan as one JSON document (pretty-printed, 2 spaces, keys in a fixed order) for scripts
// and CI. `format_version` is 1; every key is documented in docs/plan-output.md. Keys are only
// ever added within a format version, never renamed or removed.
std::string render_json(const Plan& plan, const catalog::Catalog& catalog);

} // namespace pgsplit::plan
