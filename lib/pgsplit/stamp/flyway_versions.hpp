#pragma once

#include <pgsplit/core/diagnostic.hpp>

#include <array>
#include <compare>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgsplit::stamp {

// One versioned Flyway migration, `V<version>__<description>.sql`.
struct FlywayMigration {
  std::string version;     // as Flyway records it: parts joined by '.', e.g. "1.10"
  std::string description; // from the file name, underscores turned into spaces
  std::filesystem::path file;
};

// Flyway's version column is varchar(50).
inline constexpr std::size_t flyway_version_max_length = 50;

// "1_1" → "1.1": digits separated by '.' or '_'; std::nullopt for anything else or when longer
// than flyway_version_max_length.
std::optional<std::string> normalize_flyway_version(std::string_view text);

// Part by part, numerically (1 < 1.1 < 1.9 < 1.10 < 2 < 10); a missing part counts as 0, so
// 1 and 1.0 are the same version, as in Flyway. Both must be valid (normalized) versions.
std::strong_ordering compare_flyway_versions(std::string_view a, std::string_view b);

// The versioned migrations under `dir`, subfolders included (Flyway scans its locations
// recursively), sorted by version. Repeatable (R__), undo (U), Java and other files are
// ignored. Throws core::ConfigError for an unreadable folder, an invalid version in a V file
// name, or two files with the same version.
std::vector<FlywayMigration> read_flyway_migrations(const std::filesystem::path& dir);

// The version a baseline records: "latest" → the highest; anything else must be a valid
// version, and one of `migrations` when they are given (not null). Errors point at `origin`.
FlywayMigration resolve_flyway_version(const std::vector<FlywayMigration>* migrations,
                                       std::string_view version, const core::Location& origin);

// The columns a baseline row fills from parameters, in the order of flyway_baseline_row;
// installed_on is left to now() on the server.
inline constexpr std::array<std::string_view, 9> flyway_baseline_columns = {
    "installed_rank", "version",      "description",    "type",   "script",
    "checksum",       "installed_by", "execution_time", "success"};

// The row `flyway baseline` writes: (1, version, '<< Flyway Baseline >>', 'BASELINE',
// '<< Flyway Baseline >>', NULL, installed_by, 0, true). A null installed_by lets the insert
// use the connected role (current_user), as Flyway does by default.
std::vector<std::optional<std::string>>
flyway_baseline_row(std::string_view version, const std::optional<std::string>& installed_by);

} // namespace pgsplit::stamp
