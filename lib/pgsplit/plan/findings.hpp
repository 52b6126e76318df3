#pragma once

#include <pgsplit/plan/plan.hpp>

#include <string>

// Adding findings to a plan; internal to the planner.
namespace pgsplit::plan::detail {

inline void add_error(Plan& plan, core::Location where, std::string message,
                      std::string hint = {}) {
  plan.findings.push_back(
      {Severity::error, {std::move(where), std::move(message), std::move(hint)}});
}

inline void add_warning(Plan& plan, core::Location where, std::string message,
                        std::string hint = {}) {
  plan.findings.push_back(
      {Severity::warning, {std::move(where), std::move(message), std::move(hint)}});
}

// A location naming a target (and a table) in addition to where it is written.
inline core::Location at(core::Location where, const std::string& target,
                         const std::string& table = {}) {
  where.target = target;
  where.table = table;
  return where;
}

} // namespace pgsplit::plan::detail
