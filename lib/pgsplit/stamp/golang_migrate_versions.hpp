#pragma once

#include <pgsplit/core/diagnostic.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgsplit::stamp {

// One "up" migration of golang-migrate, `<version>_<name>.up.<ext>`.
struct GolangMigration {
  std::uint64_t version = 0;
  std::string name;
  std::filesystem::path file;
};

// A version: decimal digits (leading zeros allowed, as in 000001) whose value fits the
// bigint column schema_migrations.version. std::nullopt otherwise.
std::optional<std::uint64_t> parse_golang_migrate_version(std::string_view text);

// The up migrations directly in `dir` (golang-migrate's file source does not descend into
// subfolders), sorted by version. Down migrations and files that do not follow the naming
// scheme are ignored, as golang-migrate ignores them. Throws core::ConfigError for an unreadable
// folder, a version too large for bigint, or two up files with the same version.
std::vector<GolangMigration> read_golang_migrations(const std::filesystem::path& dir);

// The version a stamp writes: "latest" → the highest; anything else must be an unsigned
// integer, and the version of one of `migrations` when they are given (not null). Errors point
// at `origin`.
std::uint64_t resolve_golang_migrate_version(const std::vector<GolangMigration>* migrations,
                                             std::string_view version,
                                             const core::Location& origin);

} // namespace pgsplit::stamp
