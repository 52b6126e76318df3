#pragma once

#include <pgsplit/config/mapping.hpp>
#include <pgsplit/core/diagnostic.hpp>
#include <pgsplit/stamp/stamp_plan.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

// The generic `files` stamp, for in-house migration runners: one row per migration file, each
// column filled from the file name, the file's bytes, a constant or now().
namespace pgsplit::stamp {

// A `pattern` with named groups `(?P<version>…)` / `(?<version>…)` (and optionally `name`),
// translated for std::regex (ECMAScript, which has no named groups).
struct FilePattern {
  std::string regex;                         // the pattern with plain groups
  std::map<std::string, std::size_t> groups; // group name → its number
};

// Throws core::ConfigError at `origin` when the pattern is not a valid regex or has no
// `version` group.
FilePattern compile_file_pattern(std::string_view pattern, const core::Location& origin);

struct MigrationFile {
  std::string version;
  std::string name; // empty without a `name` group
  std::filesystem::path file;
};

// The files of `dir` whose whole name matches, in version order (numerically when both are
// digits only, else as text). Throws core::ConfigError for two files with one version.
std::vector<MigrationFile> read_migration_files(const std::filesystem::path& dir,
                                                const FilePattern& pattern);

// "latest" → all; a version → every file up to and including it (it must exist).
std::vector<MigrationFile> migration_files_up_to(const std::vector<MigrationFile>& files,
                                                 std::string_view version,
                                                 const core::Location& origin);

// One row per file into `table` (created by `create` when given): the columns in the mapping's
// order, now() computed by the server. Throws core::ConfigError at `origin` when a column asks
// for `name` and the pattern has no name group.
StampPlan file_stamp_plan(const StampTable& table, const config::StampSettingsA& settings,
                          const FilePattern& pattern, const std::vector<MigrationFile>& files,
                          const core::Location& origin, const QuoteIdent& quote_ident);

// Lowercase hex MD5 of a file's bytes (a checksum some in-house runners record).
std::string md5_file_hex(const std::filesystem::path& file);

} // namespace pgsplit::stamp
