#pragma once

#include <pgsplit/config/field_reader.hpp>
#include <pgsplit/config/mapping.hpp>

#include <filesystem>
#include <vector>

namespace pgsplit::config {

// The `targets` section: a mapping of target names to their settings. Reports a missing or
// empty section, duplicate names and names outside [A-Za-z0-9_-]+. Part of the mapping
// loader, not a public interface.
std::vector<Target> read_targets(FieldReader& reader, const YamlNode& targets, Position owner,
                                 const std::filesystem::path& base_dir);

// Whether `name` is usable as a target name: it appears in reports, file names and logs.
bool valid_target_name(std::string_view name);

} // namespace pgsplit::config
