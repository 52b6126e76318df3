#pragma once

#include <string>
#include <vector>

namespace pgsplit::core {

// Where a problem is: a position in a file (mapping file, migration file) or an object
// (target, table). Empty fields are left out when printed.
struct Location {
  std::string file;
  int line = 0;   // 1-based; 0 = unknown
  int column = 0; // 1-based; 0 = unknown
  std::string target;
  std::string table;
};

// One problem found while reading input or planning: what is wrong, where, what to do.
struct Diagnostic {
  Location where;
  std::string message;
  std::string hint; // what to do about it; may be empty

  // "file:line:col: message (target auth, table public.users)\n  hint: …", with control
  // characters other than line breaks and tabs shown as \xHH.
  std::string to_string() const;
};

using Diagnostics = std::vector<Diagnostic>;

std::string format_location(const Location& where);

} // namespace pgsplit::core
