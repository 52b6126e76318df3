#pragma once

#include <pgsplit/config/field_reader.hpp>
#include <pgsplit/config/mapping.hpp>

#include <filesystem>
#include <optional>
#include <string_view>

namespace pgsplit::config {

// One entry of a target's `stamp` list, a single-key map naming the tool:
//   - alembic: {version: head, versions_dir: …}     - sql: "INSERT …"
// Fills in the default history table of the tool and resolves its directory against
// `base_dir` (the mapping file's directory). Whether the directory exists is the stamp
// module's business: it may be created by a build step after the mapping is written.
// Part of the mapping loader, not a public interface.
std::optional<StampEntry> read_stamp_entry(FieldReader& reader, const YamlNode& node,
                                           std::string_view path,
                                           const std::filesystem::path& base_dir);

} // namespace pgsplit::config
