#include <pgsplit/core/did_you_mean.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/flyway_versions.hpp>
#include <pgsplit/stamp/migration_dir.hpp>
#include <pgsplit/stamp/migration_files.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace pgsplit::stamp {
namespace fs = std::filesystem;
namespace {

std::vector<std::string_view> split_parts(std::string_view version) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t dot = version.find('.', start);
    parts.push_back(version.substr(start, dot - start));
    if (dot == std::string_view::npos) {
      return parts;
    }
    start = dot + 1;
  }
}

// Digit strings of any length, compared as numbers: no overflow on long timestamps.
std::strong_ordering compare_numbers(std::string_view a, std::string_view b) {
  const auto strip = [](std::string_view digits) {
    const std::size_t first = digits.find_first_not_of('0');
    return first == std::string_view::npos ? std::string_view{} : digits.substr(first);
  };
  a = strip(a);
  b = strip(b);
  if (a.size() != b.size()) {
    return a.size() <=> b.size();
  }
  const int order = a.compare(b);
  return order < 0   ? std::strong_ordering::less
         : order > 0 ? std::strong_ordering::greater
                     : std::strong_ordering::equal;
}

// V<version>__<description>.sql; std::nullopt for files that are not versioned migrations.
std::optional<FlywayMigration> parse_file_name(const fs::path& file) {
  const std::string name = file.filename().string();
  const std::size_t separator = name.find("__");
  if (name.size() < 5 || name.front() != 'V' || name.substr(name.size() - 4) != ".sql" ||
      separator == std::string::npos || separator + 2 > name.size() - 4) {
    return std::nullopt;
  }
  const std::string raw_version = name.substr(1, separator - 1);
  const auto version = normalize_flyway_version(raw_version);
  if (!version) {
    fail_at(file_location(file),
            fmt::format("invalid Flyway version '{}' in the file name", raw_version),
            "versioned migrations are named V<version>__<description>.sql, the version being "
            "numbers separated by '.' or '_' (at most 50 characters)");
  }
  std::string description = name.substr(separator + 2, name.size() - 4 - separator - 2);
  std::replace(description.begin(), description.end(), '_', ' ');
  return FlywayMigration{*version, std::move(description), file};
}

[[noreturn]] void fail_unknown(const std::vector<FlywayMigration>& migrations,
                               std::string_view version, const core::Location& origin) {
  std::vector<std::string> versions;
  for (const auto& migration : migrations) {
    versions.push_back(migration.version);
  }
  fail_at(origin,
          fmt::format("unknown Flyway version '{}': no V{}__*.sql file has it{}", version, version,
                      core::did_you_mean_suffix(version, versions)),
          "give the version of one of the migration files, or latest");
}

} // namespace

std::optional<std::string> normalize_flyway_version(std::string_view text) {
  std::string version(text);
  std::replace(version.begin(), version.end(), '_', '.');
  const bool valid = !version.empty() && version.size() <= flyway_version_max_length &&
                     version.front() != '.' && version.back() != '.' &&
                     version.find("..") == std::string::npos &&
                     std::all_of(version.begin(), version.end(), [](char c) {
                       return c == '.' || std::isdigit(static_cast<unsigned char>(c)) != 0;
                     });
  return valid ? std::optional<std::string>(std::move(version)) : std::nullopt;
}

std::strong_ordering compare_flyway_versions(std::string_view a, std::string_view b) {
  const auto left = split_parts(a);
  const auto right = split_parts(b);
  for (std::size_t i = 0; i < std::max(left.size(), right.size()); ++i) {
    const std::string_view x = i < left.size() ? left[i] : "0";
    const std::string_view y = i < right.size() ? right[i] : "0";
    if (const auto order = compare_numbers(x, y); order != 0) {
      return order;
    }
  }
  return std::strong_ordering::equal;
}

std::vector<FlywayMigration> read_flyway_migrations(const fs::path& dir) {
  std::vector<FlywayMigration> migrations;
  core::Diagnostics problems;
  for (const auto& entry : list_migration_dir(dir, /*recursive=*/true)) {
    try {
      if (auto migration = entry.is_regular_file() ? parse_file_name(entry.path()) : std::nullopt) {
        migrations.push_back(std::move(*migration));
      }
    } catch (const core::ConfigError& error) { // report every bad name at once
      problems.insert(problems.end(), error.diagnostics().begin(), error.diagnostics().end());
    }
  }
  std::stable_sort(migrations.begin(), migrations.end(), [](const auto& a, const auto& b) {
    return compare_flyway_versions(a.version, b.version) < 0;
  });
  for (std::size_t i = 1; i < migrations.size(); ++i) {
    if (compare_flyway_versions(migrations[i - 1].version, migrations[i].version) == 0) {
      problems.push_back({file_location(migrations[i].file),
                          fmt::format("Flyway version {} is also used by {}", migrations[i].version,
                                      migrations[i - 1].file.string()),
                          "each versioned migration needs its own version (1 and 1.0 are equal)"});
    }
  }
  if (!problems.empty()) {
    throw core::ConfigError(std::move(problems));
  }
  return migrations;
}

FlywayMigration resolve_flyway_version(const std::vector<FlywayMigration>* migrations,
                                       std::string_view version, const core::Location& origin) {
  if (version == "latest") {
    if (migrations == nullptr || migrations->empty()) {
      fail_at(origin, "version 'latest' needs versioned migration files (V<version>__<name>.sql)",
              "set migrations_dir to the service's Flyway migrations folder, or give a version");
    }
    return migrations->back();
  }
  const auto normalized = normalize_flyway_version(version);
  if (!normalized) {
    fail_at(origin, fmt::format("'{}' is not a Flyway version", version),
            "give latest, or numbers separated by '.' (e.g. 1.10), at most 50 characters");
  }
  if (migrations == nullptr) {
    return FlywayMigration{*normalized, {}, {}};
  }
  for (const auto& migration : *migrations) {
    if (compare_flyway_versions(migration.version, *normalized) == 0) {
      return migration;
    }
  }
  fail_unknown(*migrations, *normalized, origin);
}

std::vector<std::optional<std::string>>
flyway_baseline_row(std::string_view version, const std::optional<std::string>& installed_by) {
  const std::string baseline_text = "<< Flyway Baseline >>";
  return {"1",          std::string(version), baseline_text, "BASELINE", baseline_text,
          std::nullopt, installed_by,         "0",           "true"};
}

} // namespace pgsplit::stamp
