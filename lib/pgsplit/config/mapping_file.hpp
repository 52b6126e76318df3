#pragma once

#include <filesystem>
#include <string>

namespace pgsplit::config {

// The whole text of a mapping file. A missing file, a directory or an unreadable file throws
// core::ConfigError naming the path and saying what to do.
std::string read_mapping_file(const std::filesystem::path& file);

} // namespace pgsplit::config
