#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/golang_migrate_versions.hpp>
#include <pgsplit/stamp/migration_dir.hpp>
#include <pgsplit/stamp/migration_files.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>

namespace pgsplit::stamp {
namespace fs = std::filesystem;
namespace {

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// <digits>_<name>.up.<ext>: the last ".up." or ".down." decides the direction, as the greedy
// pattern golang-migrate matches names with. std::nullopt for other files.
std::optional<GolangMigration> parse_file_name(const fs::path& file) {
  const std::string name = file.filename().string();
  const std::size_t underscore = name.find('_');
  const std::size_t up = name.rfind(".up.");
  const std::size_t down = name.rfind(".down.");
  if (underscore == std::string::npos || up == std::string::npos || up < underscore ||
      (down != std::string::npos && down > up) ||
      !all_digits(std::string_view(name).substr(0, underscore))) {
    return std::nullopt;
  }
  const auto version = parse_golang_migrate_version(std::string_view(name).substr(0, underscore));
  if (!version) {
    fail_at(file_location(file), fmt::format("version {} is too large", name.substr(0, underscore)),
            "schema_migrations.version is a bigint: versions must be at most 9223372036854775807");
  }
  return GolangMigration{*version, name.substr(underscore + 1, up - underscore - 1), file};
}

} // namespace

std::optional<std::uint64_t> parse_golang_migrate_version(std::string_view text) {
  std::uint64_t value = 0;
  if (!all_digits(text)) {
    return std::nullopt;
  }
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() ||
      value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return std::nullopt;
  }
  return value;
}

std::vector<GolangMigration> read_golang_migrations(const fs::path& dir) {
  std::vector<GolangMigration> migrations;
  core::Diagnostics problems;
  for (const auto& entry : list_migration_dir(dir)) {
    try {
      if (auto migration = entry.is_regular_file() ? parse_file_name(entry.path()) : std::nullopt) {
        migrations.push_back(std::move(*migration));
      }
    } catch (const core::ConfigError& error) { // report every bad name at once
      problems.insert(problems.end(), error.diagnostics().begin(), error.diagnostics().end());
    }
  }
  std::stable_sort(migrations.begin(), migrations.end(),
                   [](const auto& a, const auto& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < migrations.size(); ++i) {
    if (migrations[i - 1].version == migrations[i].version) {
      problems.push_back({file_location(migrations[i].file),
                          fmt::format("version {} is also used by {}", migrations[i].version,
                                      migrations[i - 1].file.string()),
                          "golang-migrate refuses two up migrations with the same version "
                          "(leading zeros do not count)"});
    }
  }
  if (!problems.empty()) {
    throw core::ConfigError(std::move(problems));
  }
  return migrations;
}

std::uint64_t resolve_golang_migrate_version(const std::vector<GolangMigration>* migrations,
                                             std::string_view version,
                                             const core::Location& origin) {
  if (version == "latest") {
    if (migrations == nullptr || migrations->empty()) {
      fail_at(origin, "version 'latest' needs up migration files (<version>_<name>.up.<ext>)",
              "set migrations_dir to the service's golang-migrate folder, or give a version");
    }
    return migrations->back().version;
  }
  const auto number = parse_golang_migrate_version(version);
  if (!number) {
    fail_at(origin, fmt::format("'{}' is not a golang-migrate version", version),
            "give latest, or an unsigned integer that fits a bigint (e.g. 20240102150405)");
  }
  const bool known = migrations == nullptr || std::any_of(migrations->begin(), migrations->end(),
                                                          [&](const auto& migration) {
                                                            return migration.version == *number;
                                                          });
  if (!known) {
    fail_at(origin,
            fmt::format("unknown golang-migrate version {}: no up migration has it", *number),
            "give the version of one of the up migration files, or latest");
  }
  return *number;
}

} // namespace pgsplit::stamp
