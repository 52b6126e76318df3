#pragma once

#include <string>
#include <string_view>

// A mapping's `where` filter (plan::PlacedTable::where) as the SQL its users put it in: the
// probes that check it, the copy that applies it and verify that counts through it.
namespace pgsplit::plan {

// The filter as an SQL expression, parenthesised on lines of its own so that a trailing
// `-- comment` in the filter cannot swallow the closing parenthesis.
std::string filter_expression(std::string_view filter);

} // namespace pgsplit::plan
