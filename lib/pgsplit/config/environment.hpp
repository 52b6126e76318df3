#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace pgsplit::config {

// Where `${VAR}` references of the mapping file are looked up: the value of a variable, or
// nothing when it is not set. Injected, so that tests never depend on the real environment.
using Environment = std::function<std::optional<std::string>(const std::string& name)>;

// The environment of this process.
Environment process_environment();

// A fixed set of variables (tests, or values given on the command line).
Environment fixed_environment(std::map<std::string, std::string> variables);

} // namespace pgsplit::config
