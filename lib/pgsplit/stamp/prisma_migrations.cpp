#include <pgsplit/core/did_you_mean.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/migration_dir.hpp>
#include <pgsplit/stamp/prisma_migrations.hpp>
#include <pgsplit/stamp/sha256.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pgsplit::stamp {
namespace fs = std::filesystem;
namespace {

core::Diagnostic folder_problem(const fs::path& folder, std::string message, std::string hint) {
  return file_problem(folder, 0, std::move(message), std::move(hint));
}

} // namespace

std::vector<PrismaMigration> read_prisma_migrations(const fs::path& dir) {
  std::vector<PrismaMigration> migrations;
  core::Diagnostics problems;
  for (const auto& entry : list_migration_dir(dir)) {
    if (!entry.is_directory()) {
      continue;
    }
    const std::string name = entry.path().filename().string();
    const fs::path script = entry.path() / "migration.sql";
    std::error_code error;
    if (!fs::is_regular_file(script, error)) {
      problems.push_back(folder_problem(
          entry.path(), "migration folder without migration.sql",
          "Prisma refuses such folders as well: remove the folder or restore its migration.sql"));
    } else if (name.size() > prisma_migration_name_max_length) {
      problems.push_back(folder_problem(entry.path(), "migration name longer than 255 characters",
                                        "_prisma_migrations.migration_name is varchar(255)"));
    } else {
      try {
        migrations.push_back({name, sha256_file_hex(script), script});
      } catch (const core::ConfigError& unreadable) {
        problems.insert(problems.end(), unreadable.diagnostics().begin(),
                        unreadable.diagnostics().end());
      }
    }
  }
  if (!problems.empty()) {
    throw core::ConfigError(std::move(problems));
  }
  return migrations; // already in name order: list_migration_dir sorts
}

std::vector<PrismaMigration> prisma_migrations_up_to(const std::vector<PrismaMigration>& migrations,
                                                     std::string_view version,
                                                     const core::Location& origin) {
  if (migrations.empty()) {
    throw core::ConfigError(
        core::Diagnostic{origin, "no Prisma migration found (folders holding migration.sql)",
                         "migrations_dir must be the prisma/migrations folder of the service"});
  }
  if (version == "latest") {
    return migrations;
  }
  const auto last = std::find_if(migrations.begin(), migrations.end(),
                                 [&](const auto& migration) { return migration.name == version; });
  if (last == migrations.end()) {
    std::vector<std::string> names;
    for (const auto& migration : migrations) {
      names.push_back(migration.name);
    }
    throw core::ConfigError(
        core::Diagnostic{origin,
                         fmt::format("unknown Prisma migration '{}'{}", version,
                                     core::did_you_mean_suffix(version, names)),
                         "give latest, or the folder name of one of the migrations"});
  }
  return {migrations.begin(), last + 1};
}

} // namespace pgsplit::stamp
