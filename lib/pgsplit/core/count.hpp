#pragma once

#include <cstdint>
#include <string>

// Counts the way every report prints them (plan, apply, verify, progress, Markdown): with
// thousands separators, so that 12345678 rows read at a glance. Sizes: byte_size.hpp.
namespace pgsplit::core {

// "0", "999", "1,000", "-1,234,567".
std::string format_count(std::int64_t count);

} // namespace pgsplit::core
