#include <pgsplit/config/environment.hpp>

#include <cstdlib>

namespace pgsplit::config {

Environment process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    // Read at lookup time, not captured: the mapping is parsed once, early, on one thread.
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) {
      return std::nullopt;
    }
    return std::string(value);
  };
}

Environment fixed_environment(std::map<std::string, std::string> variables) {
  return [variables = std::move(variables)](const std::string& name) -> std::optional<std::string> {
    const auto found = variables.find(name);
    if (found == variables.end()) {
      return std::nullopt;
    }
    return found->second;
  };
}

} // namespace pgsplit::config
