#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace pgsplit::stamp {

// Lowercase hex SHA-256 of a file's bytes. Throws core::ConfigError when it cannot be read.
std::string sha256_file_hex(const std::filesystem::path& file);

} // namespace pgsplit::stamp
