#pragma once

// The one way to catch the problems an action reports: the core::ConfigError it throws and its
// diagnostics (the test fails when it throws none), and for a mapping text its problems as
// "line:column: message" strings.
#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/core/error.hpp>

#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pgsplit::testing {

// The ConfigError the action throws (the only try/catch of the kind in the tests).
inline core::ConfigError config_error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const core::ConfigError& error) {
    return error;
  }
  FAIL("no ConfigError was thrown");
  return core::ConfigError(core::Diagnostics{});
}

inline core::Diagnostics problems_of(const std::function<void()>& action) {
  return config_error_of(action).diagnostics();
}

// "line:column: message" of each diagnostic, in order.
inline std::vector<std::string> located(const core::Diagnostics& diagnostics) {
  std::vector<std::string> found;
  for (const auto& diagnostic : diagnostics) {
    found.push_back(std::to_string(diagnostic.where.line) + ":" +
                    std::to_string(diagnostic.where.column) + ": " + diagnostic.message);
  }
  return found;
}

// The error of a mapping text read as the file m.yaml.
inline core::ConfigError mapping_error(std::string_view yaml, const config::Environment& env) {
  return config_error_of([&] { config::parse_mapping(yaml, "m.yaml", env); });
}

inline core::Diagnostics mapping_diagnostics(std::string_view yaml,
                                             const config::Environment& env) {
  return mapping_error(yaml, env).diagnostics();
}

inline std::vector<std::string> mapping_problems(std::string_view yaml,
                                                 const config::Environment& env) {
  return located(mapping_diagnostics(yaml, env));
}

} // namespace pgsplit::testing
