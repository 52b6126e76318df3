#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/migration_dir.hpp>
#include <pgsplit/stamp/migration_files.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pgsplit::stamp {
namespace fs = std::filesystem;
namespace {

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A version in the mapping names a migration by its version or by its recorded name; numbers
// match whatever their leading zeros ("7" names 0007_users.sql).
bool names(const MigrationKey& key, std::string_view version) {
  if (key.version == version || key.name == version) {
    return true;
  }
  return all_digits(version) && all_digits(key.version) &&
         without_leading_zeros(version) == without_leading_zeros(key.version);
}

} // namespace

std::vector<fs::path> migration_files(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : list_migration_dir(dir)) {
    if (entry.is_regular_file()) {
      files.push_back(entry.path());
    }
  }
  return files;
}

std::string leading_digits(std::string_view name) {
  const auto end =
      std::find_if(name.begin(), name.end(), [](char c) { return c < '0' || c > '9'; });
  return std::string(name.begin(), end);
}

std::string without_leading_zeros(std::string_view digits) {
  const auto first = digits.find_first_not_of('0');
  if (first == std::string_view::npos) {
    return digits.empty() ? "" : "0";
  }
  return std::string(digits.substr(first));
}

bool fits_bigint(std::string_view digits) {
  const std::string plain = without_leading_zeros(digits);
  constexpr std::string_view max = "9223372036854775807";
  return all_digits(digits) &&
         (plain.size() < max.size() || (plain.size() == max.size() && plain <= max));
}

core::Location file_location(const fs::path& file) {
  core::Location where;
  where.file = file.string();
  return where;
}

void fail_at(core::Location where, std::string message, std::string hint) {
  throw core::ConfigError(core::Diagnostic{std::move(where), std::move(message), std::move(hint)});
}

std::vector<NumberedMigration>
read_numbered_migrations(const fs::path& dir, const std::function<bool(const fs::path&)>& accept,
                         std::string_view tool, std::string_view column) {
  std::vector<NumberedMigration> migrations;
  core::Diagnostics problems;
  for (const auto& file : migration_files(dir)) {
    const std::string name = file.filename().string();
    const std::string digits = leading_digits(name);
    if (digits.empty() || name.size() == digits.size() || name[digits.size()] != '_' ||
        !accept(file)) {
      continue;
    }
    if (!fits_bigint(digits)) {
      problems.push_back({file_location(file), fmt::format("version {} is too large", digits),
                          fmt::format("{} is a bigint: versions must be at most "
                                      "9223372036854775807",
                                      column)});
      continue;
    }
    migrations.push_back({without_leading_zeros(digits), name, file});
  }
  if (!problems.empty()) {
    throw core::ConfigError(std::move(problems));
  }
  std::stable_sort(migrations.begin(), migrations.end(), [](const auto& a, const auto& b) {
    return a.version.size() != b.version.size() ? a.version.size() < b.version.size()
                                                : a.version < b.version;
  });
  check_unique_versions(migrations, tool);
  return migrations;
}

std::string history_summary(std::string_view tool, const std::string& qualified_table,
                            std::size_t count, const std::string& last) {
  return fmt::format("{}: {} with {} migration{}, up to {}", tool, qualified_table, count,
                     count == 1 ? "" : "s", last);
}

std::size_t count_up_to(const std::vector<MigrationKey>& keys, std::string_view version,
                        const core::Location& origin, std::string_view tool,
                        const fs::path& source) {
  if (version.empty() || version == "latest" || version == "head") {
    if (keys.empty()) {
      fail_at(origin, fmt::format("{} has no {} migration to stamp", source.string(), tool),
              "check migrations_dir: the stamp records the migrations found there");
    }
    return keys.size();
  }
  for (std::size_t i = keys.size(); i > 0; --i) {
    if (names(keys[i - 1], version)) {
      return i;
    }
  }
  fail_at(origin,
          fmt::format("unknown {} version '{}': no migration of {} has it", tool, version,
                      source.string()),
          "give latest, or the version (or name) of one of the migrations");
}

} // namespace pgsplit::stamp
