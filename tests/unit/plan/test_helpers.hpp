#pragma once

#include <pgsplit/plan/plan.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace pgsplit::testing {

// All messages of a plan's findings of one severity, joined, for Contains() assertions.
inline std::string messages(const plan::Plan& plan, plan::Severity severity) {
  std::string text;
  for (const auto& finding : plan.findings) {
    if (finding.severity == severity) {
      text += finding.diagnostic.to_string() + "\n";
    }
  }
  return text;
}

// The findings (any severity) whose message contains `text`, for asserting one finding whole.
inline std::vector<plan::Finding> findings_with(const plan::Plan& plan, std::string_view text) {
  std::vector<plan::Finding> found;
  for (const auto& finding : plan.findings) {
    if (finding.diagnostic.message.find(text) != std::string::npos) {
      found.push_back(finding);
    }
  }
  return found;
}

inline std::size_t count_of(const plan::Plan& plan, plan::Severity severity) {
  return static_cast<std::size_t>(
      std::count_if(plan.findings.begin(), plan.findings.end(),
                    [&](const plan::Finding& finding) { return finding.severity == severity; }));
}

inline std::vector<std::string> table_names(const plan::Plan& plan, const std::string& target) {
  std::vector<std::string> names;
  for (const auto& placed : plan.find_target(target)->tables) {
    names.push_back(placed.target_name.to_string());
  }
  return names;
}

} // namespace pgsplit::testing
