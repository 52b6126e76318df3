#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace pgsplit::stamp {

// Lowercase hex SHA-256 of `bytes` (64 characters), as `sha256sum` prints it.
std::string sha256_hex(std::string_view bytes);

// Lowercase hex SHA-256 of a file's bytes. Throws core::ConfigError when it cannot be read.
std::string sha256_file_hex(const std::filesystem::path& file);

} // namespace pgsplit::stamp
