#include <pgsplit/plan/plan.hpp>

#include <algorithm>

namespace pgsplit::plan {
namespace {

std::vector<core::Diagnostic> with_severity(const std::vector<Finding>& findings, Severity wanted) {
  std::vector<core::Diagnostic> selected;
  for (const auto& finding : findings) {
    if (finding.severity == wanted) {
      selected.push_back(finding.diagnostic);
    }
  }
  return selected;
}

} // namespace

bool Plan::has_errors() const {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& finding) { return finding.severity == Severity::error; });
}

std::vector<core::Diagnostic> Plan::errors() const {
  return with_severity(findings, Severity::error);
}

std::vector<core::Diagnostic> Plan::warnings() const {
  return with_severity(findings, Severity::warning);
}

const TargetPlan* Plan::find_target(const std::string& name) const {
  const auto found = std::find_if(targets.begin(), targets.end(),
                                  [&](const TargetPlan& target) { return target.name == name; });
  return found == targets.end() ? nullptr : &*found;
}

std::vector<const PlacedTable*> Plan::placements_of(Oid table) const {
  std::vector<const PlacedTable*> placements;
  for (const auto& target : targets) {
    for (const auto& placed : target.tables) {
      if (placed.table == table) {
        placements.push_back(&placed);
      }
    }
  }
  return placements;
}

} // namespace pgsplit::plan
