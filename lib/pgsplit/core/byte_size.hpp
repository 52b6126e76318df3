#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Sizes given on the command line the way PostgreSQL spells them: "1GB", "256MB", "512kB",
// "4096" (bytes), "0". Units are powers of 1024, as in postgresql.conf.
namespace pgsplit::core {

std::optional<std::int64_t> parse_byte_size(std::string_view text);

// "1.0 GB", "256.0 MB", "512 bytes": for messages.
std::string describe_byte_size(std::int64_t bytes);

} // namespace pgsplit::core
