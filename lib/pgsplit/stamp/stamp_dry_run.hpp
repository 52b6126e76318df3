#pragma once

#include <pgsplit/stamp/stamp_target.hpp>

#include <string>
#include <string_view>
#include <vector>

// `pgsplit stamp --dry-run`: what write_target_stamps would run, as SQL to read.
namespace pgsplit::stamp {

// The statements of `stamps` in the order they run, between BEGIN and COMMIT, each entry under
// its summary; parameters are shown inline as literals. Where what runs depends on the rows the
// table already holds (stamp_keep.hpp), a comment says so.
std::string render_target_stamps(const TargetStamps& stamps);

// `sql` with every $n replaced by values[n - 1] as a literal ('…', or NULL for std::nullopt).
// Text inside quoted identifiers and string literals is left as it is; a $n without a value
// too.
std::string inline_parameters(std::string_view sql, const std::vector<StampValue>& values);

} // namespace pgsplit::stamp
