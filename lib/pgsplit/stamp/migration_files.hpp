#pragma once

#include <pgsplit/core/diagnostic.hpp>
#include <pgsplit/core/error.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Helpers shared by the tools whose history is one row per migration file (knex, sequelize,
// dbmate, goose, …): listing the files, reading the number a name starts with, and cutting the
// list at the `version` of the mapping.
namespace pgsplit::stamp {

// The regular files directly in `dir` (no subfolders), sorted by path. Throws core::ConfigError
// when the folder is missing or unreadable.
std::vector<std::filesystem::path> migration_files(const std::filesystem::path& dir);

// The decimal digits a file name starts with ("20240101_users.js" → "20240101"); empty if none.
std::string leading_digits(std::string_view name);

// Digits without their leading zeros ("000" → "0"): how a bigint column stores a version.
std::string without_leading_zeros(std::string_view digits);

// True when `digits` (decimal digits only) fits a bigint column.
bool fits_bigint(std::string_view digits);

// A migration file named `<digits>_<rest>` whose version a bigint column holds.
struct NumberedMigration {
  std::string version; // the digits without their leading zeros
  std::string name;    // the file name
  std::filesystem::path file;
};

// The files directly in `dir` named `<digits>_…` that `accept` takes, sorted by version. A
// version too large for a bigint (`column` names the tool's column) or used twice is an error
// at its file.
std::vector<NumberedMigration>
read_numbered_migrations(const std::filesystem::path& dir,
                         const std::function<bool(const std::filesystem::path&)>& accept,
                         std::string_view tool, std::string_view column);

// A location naming a migration file, for errors about it.
core::Location file_location(const std::filesystem::path& file);

[[noreturn]] void fail_at(core::Location where, std::string message, std::string hint);

// The plan's summary line: "knex: \"knex_migrations\" with 3 migrations, up to <last>".
std::string history_summary(std::string_view tool, const std::string& qualified_table,
                            std::size_t count, const std::string& last);

// How the mapping's `version` can name a migration: its version (numbers compare without
// leading zeros) or the name the tool records for it.
struct MigrationKey {
  std::string version;
  std::string name;
};

// How many migrations, from the first, a stamp at `version` records: all of them for "latest"
// or "head" (at least one needed), else up to and including the last one `version` names.
// Errors point at `origin` (the mapping entry) and name the tool and `source` (the folder).
std::size_t count_up_to(const std::vector<MigrationKey>& keys, std::string_view version,
                        const core::Location& origin, std::string_view tool,
                        const std::filesystem::path& source);

// The first migrations up to `version` (see count_up_to); Migration has `version` and `name`.
template <typename Migration>
std::vector<Migration> migrations_up_to(std::vector<Migration> all, std::string_view version,
                                        const core::Location& origin, std::string_view tool,
                                        const std::filesystem::path& source) {
  std::vector<MigrationKey> keys;
  for (const auto& migration : all) {
    keys.push_back({migration.version, migration.name});
  }
  all.resize(count_up_to(keys, version, origin, tool, source));
  return all;
}

// Two migrations with the same version (after sorting by it, neighbours) are refused, as the
// tools refuse them: the error points at the second file and names the first.
template <typename Migration>
void check_unique_versions(const std::vector<Migration>& sorted, std::string_view tool) {
  core::Diagnostics problems;
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    if (without_leading_zeros(sorted[i - 1].version) == without_leading_zeros(sorted[i].version)) {
      problems.push_back(
          {file_location(sorted[i].file),
           "version " + sorted[i].version + " is also used by " + sorted[i - 1].file.string(),
           std::string(tool) + " refuses two migrations with the same version"});
    }
  }
  if (!problems.empty()) {
    throw core::ConfigError(std::move(problems));
  }
}

} // namespace pgsplit::stamp
