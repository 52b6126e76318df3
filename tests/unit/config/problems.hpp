#pragma once

// Shared by the config unit tests: the diagnostics a mapping text produces, as
// "line:column: message" strings (fails the test when the text parses).
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/core/error.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace pgsplit::testing {

inline std::vector<std::string> problems_of(const std::string& yaml,
                                            const config::Environment& env) {
  try {
    config::parse_mapping(yaml, "m.yaml", env);
  } catch (const core::ConfigError& error) {
    std::vector<std::string> found;
    for (const auto& diagnostic : error.diagnostics()) {
      found.push_back(std::to_string(diagnostic.where.line) + ":" +
                      std::to_string(diagnostic.where.column) + ": " + diagnostic.message);
    }
    return found;
  }
  FAIL("expected a ConfigError");
  return {};
}

} // namespace pgsplit::testing
