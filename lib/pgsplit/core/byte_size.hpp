#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Sizes the way PostgreSQL spells them, in one unit system everywhere (plan, apply, verify,
// progress, messages, docs): powers of 1024 named kB, MB, GB, TB, as in postgresql.conf and
// pg_size_pretty.
namespace pgsplit::core {

// A size given on the command line: "1GB", "256MB", "512kB", "4096" (bytes), "0".
std::optional<std::int64_t> parse_byte_size(std::string_view text);

// "0 B", "1023 B", "1.5 kB", "12.3 MB", "5.0 TB": one decimal from 1 kB on.
std::string format_bytes(std::int64_t bytes);

} // namespace pgsplit::core
