#pragma once

#include <pgsplit/config/field_reader.hpp>
#include <pgsplit/config/mapping.hpp>

#include <optional>
#include <string_view>

namespace pgsplit::config {

// Readers of the mapping loader (not a public interface). Problems are reported to `reader`;
// what comes back may then be partial, and the loader throws instead of returning it.

// A short-form name (`[schema.]name`, SQL-style quotes for parts with dots), expanded.
std::optional<NamePattern> read_name_pattern(FieldReader& reader, const YamlNode& node,
                                             std::string_view path);

// One entry of a target's `tables` list: the short form, or the long form (`name:` …).
std::optional<TableEntry> read_table_entry(FieldReader& reader, const YamlNode& node,
                                           std::string_view path, const std::string& target);

} // namespace pgsplit::config
