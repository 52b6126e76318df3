#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgsplit::stamp {

// The value of a Python module variable, when it is one of the literals Alembic writes.
struct PythonLiteral {
  enum class Kind { none, string, sequence };
  Kind kind = Kind::none;
  std::vector<std::string> strings; // the string, or the items of the tuple or list
};

// Reads `None`, a string ('a', "a", '''a''', r'a'; adjacent pieces are concatenated, as in
// Python) or a tuple or list of strings (`('a', 'b')`, `['a']`, `'a', 'b'`, `('a',)`, `()`).
// std::nullopt for anything else: names, calls, f-strings, bytes, numbers.
std::optional<PythonLiteral> parse_python_literal(std::string_view expression);

} // namespace pgsplit::stamp
