#pragma once

#include <pgsplit/config/field_reader.hpp>
#include <pgsplit/config/mapping.hpp>

#include <filesystem>
#include <string>
#include <string_view>

// The settings of the rails, django, yoyo, sqitch and files stamp entries (part of the mapping
// loader, called by read_stamp_entry once the keys every tool shares are read).
namespace pgsplit::config {

void read_settings_a(FieldReader& reader, const YamlNode& settings, std::string_view path,
                     Position owner, const std::filesystem::path& base_dir, StampEntry& stamp);

// Shared with stamp_config.cpp.
bool is_unsigned_integer(std::string_view text);
std::filesystem::path resolve(const std::filesystem::path& base_dir, const std::string& text);

} // namespace pgsplit::config
