#pragma once

#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping.hpp>

#include <filesystem>
#include <string_view>

namespace pgsplit::config {

// Parses and validates a mapping file (format: docs/mapping.md). `${VAR}` references in values
// are expanded from `env`; relative directories are resolved against the directory of
// `file_name`. Throws core::ConfigError carrying every problem of the file, in file order (the
// first FieldReader::max_diagnostics, then one saying how many more there are).
Mapping parse_mapping(std::string_view yaml_text, const std::filesystem::path& file_name,
                      const Environment& env);

// Reads `file`, then parse_mapping. A missing, unreadable or directory path throws
// core::ConfigError too.
Mapping load_mapping(const std::filesystem::path& file, const Environment& env);

} // namespace pgsplit::config
