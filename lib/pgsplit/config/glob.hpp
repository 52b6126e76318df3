#pragma once

#include <string_view>

namespace pgsplit::config {

// Shell-style matching of a whole name: `*` matches any run of characters (also none), `?`
// exactly one character, everything else itself. Case-sensitive, like quoted SQL identifiers,
// since the mapping file names tables exactly as the catalog spells them.
bool glob_match(std::string_view pattern, std::string_view text);

// Whether `text` contains a glob character (`*` or `?`).
bool has_glob_characters(std::string_view text);

} // namespace pgsplit::config
