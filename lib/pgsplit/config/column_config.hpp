#pragma once

#include <pgsplit/config/field_reader.hpp>
#include <pgsplit/config/mapping.hpp>

#include <string_view>

namespace pgsplit::config {

// Readers of a long-form table entry's reshaping keys (not a public interface): `columns:` and
// `key:`. Problems are reported to `reader`. Whether the columns exist is the plan's check.

// `columns: {legacy_flag: drop, ean: {type: text, using: "…"}, price_cents: {rename: x}}`.
std::vector<ColumnChange> read_column_changes(FieldReader& reader, const YamlNode& node,
                                              std::string_view path);

// `key: uuid`; false after reporting anything else.
bool read_key(FieldReader& reader, const YamlNode& node, std::string_view path);

} // namespace pgsplit::config
