#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pgsplit::stamp {

// A small reader for the module variables of a Python file: enough to learn Alembic's
// `revision` and `down_revision` without running Python (which may not be installed where
// pgsplit runs, and would execute the project's imports). Values are read by python_literal.

struct PythonAssignment {
  std::string name;
  std::string value; // the expression: comments removed, continuation lines joined by spaces
  int line = 0;      // 1-based line where the statement starts
};

// Every `name = …` or `name: annotation = …` statement starting at column 0 (module level),
// in file order. Text inside strings (docstrings included) and comments is never mistaken for
// a statement; brackets and backslashes continue a statement on the next lines.
std::vector<PythonAssignment> module_assignments(std::string_view source);

// The `name = …` statements directly in the body of the module-level `class <class_name>`
// (Django's `class Migration(…):` with its `dependencies = […]`), in file order; statements of
// nested blocks (methods) are not included. Empty when the class is missing.
std::vector<PythonAssignment> class_assignments(std::string_view source,
                                                std::string_view class_name);

} // namespace pgsplit::stamp
