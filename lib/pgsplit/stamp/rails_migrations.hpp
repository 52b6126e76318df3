#pragma once

#include <pgsplit/core/diagnostic.hpp>
#include <pgsplit/stamp/stamp_plan.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace pgsplit::stamp {

// One ActiveRecord migration file: `<version>_<name>.rb` (or `<version>_<name>.<scope>.rb`).
struct RailsMigration {
  std::string version; // as Rails records it: the digits read as an integer (no leading zeros)
  std::string name;
  std::filesystem::path file;
};

// The migrations of `dir` (its own files; others than `<digits>_<name>.rb` are ignored, as
// Rails does), in version order. Throws core::ConfigError for an unreadable folder or two files
// with one version (Rails refuses those too), naming both files.
std::vector<RailsMigration> read_rails_migrations(const std::filesystem::path& dir);

// "latest" → all of them; a version → every migration up to and including it (it must be the
// version of a file). Errors point at `origin`.
std::vector<RailsMigration> rails_migrations_up_to(const std::vector<RailsMigration>& migrations,
                                                   std::string_view version,
                                                   const core::Location& origin);

// schema_migrations(version) with one row per migration, and `metadata_table`'s environment row
// (as `rails db:migrate` leaves them).
StampPlan rails_stamp_plan(const StampTable& table, const std::string& metadata_table,
                           const std::string& environment,
                           const std::vector<RailsMigration>& migrations,
                           const QuoteIdent& quote_ident);

// Orders version numbers of any length as integers ("9" < "10"); both must be digits only.
bool version_number_less(std::string_view a, std::string_view b);

} // namespace pgsplit::stamp
