#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/plan/plan.hpp>

#include <string>

// Pictures of the split: one box per target holding its root tables (partitions and children
// are counted in their root's label), foreign keys inside a target as plain arrows (child →
// parent), foreign keys between targets as dashed red arrows labelled with the constraint, and
// the tables left in the source in a grey "left behind" box. Node ids are t<oid> (t<oid>_2, …
// for further placements of a replicated or filtered table); labels are escaped for each
// format. Details: docs/plan-output.md.
namespace pgsplit::plan {

// Graphviz source (render with `dot -Tsvg`).
std::string render_dot(const Plan& plan, const catalog::Catalog& catalog);

// Mermaid flowchart, for Markdown that renders it (GitHub, GitLab).
std::string render_mermaid(const Plan& plan, const catalog::Catalog& catalog);

} // namespace pgsplit::plan
