#pragma once

#include <pgsplit/core/diagnostic.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace pgsplit::stamp {

// One Prisma migration: a folder `<timestamp>_<name>/` holding `migration.sql`.
struct PrismaMigration {
  std::string name;     // the folder name, recorded as migration_name
  std::string checksum; // lowercase hex SHA-256 of migration.sql's bytes
  std::filesystem::path script;
};

// _prisma_migrations.migration_name is varchar(255).
inline constexpr std::size_t prisma_migration_name_max_length = 255;

// Every subfolder of `dir`, sorted by name; files beside them (migration_lock.toml…) are
// ignored. Throws core::ConfigError for an unreadable folder, a subfolder without
// migration.sql (Prisma refuses those too) or a name longer than 255 characters.
std::vector<PrismaMigration> read_prisma_migrations(const std::filesystem::path& dir);

// The migrations a stamp records: "latest" → all of them; a migration name → every migration
// up to and including it (Prisma applies them in name order). Errors point at `origin`.
std::vector<PrismaMigration> prisma_migrations_up_to(const std::vector<PrismaMigration>& migrations,
                                                     std::string_view version,
                                                     const core::Location& origin);

} // namespace pgsplit::stamp
