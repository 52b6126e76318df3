#pragma once

#include <pgsplit/config/environment.hpp>

#include <string>
#include <string_view>

namespace pgsplit::config {

// The outcome of expanding one scalar value.
struct Expansion {
  std::string text;  // the expanded value (meaningful only when ok())
  std::string error; // what is wrong, e.g. "environment variable AUTH_DB_URL is not set"
  std::string hint;

  bool ok() const { return error.empty(); }
};

// Expands `${NAME}` and `${NAME:-default}` (the default is used when NAME is unset or empty, as
// in the shell; it is taken literally) and turns `$$` into `$`. Any other `$` is kept as is.
// Never puts the value of a variable in an error message: it may be a password.
Expansion expand_variables(std::string_view text, const Environment& env);

} // namespace pgsplit::config
