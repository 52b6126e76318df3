#pragma once

#include <pgsplit/config/field_reader.hpp>
#include <pgsplit/config/mapping.hpp>

namespace pgsplit::config {

// The optional `options` section; absent keys keep their defaults. Part of the mapping
// loader, not a public interface.
Options read_options(FieldReader& reader, const YamlNode& node, Position owner);

} // namespace pgsplit::config
