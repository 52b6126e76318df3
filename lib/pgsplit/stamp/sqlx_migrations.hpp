#pragma once

#include <pgsplit/stamp/stamp_plan.hpp>
#include <pgsplit/stamp/stamp_request.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace pgsplit::stamp {

// One sqlx migration: `<version>_<description>.sql` (simple) or `.up.sql` (reversible).
struct SqlxMigration {
  std::string version;     // without leading zeros: _sqlx_migrations.version is a bigint
  std::string name;        // the file name
  std::string description; // the name's middle, underscores read as spaces, as sqlx records it
  std::string checksum;    // lowercase hex SHA-384 of the file's bytes
  std::filesystem::path file;
};

// The up migrations directly in `dir` (.down.sql files are not applied by `migrate run`), by
// version. A version too large for bigint, or used twice, is an error at the file.
std::vector<SqlxMigration> read_sqlx_migrations(const std::filesystem::path& dir);

// _sqlx_migrations (or `table`): one row per migration up to the version, success = true,
// checksum = SHA-384 of the file, execution_time 0.
StampPlan sqlx_stamp_plan(const StampRequest& request, const StampTable& table,
                          const QuoteIdent& quote_ident);

} // namespace pgsplit::stamp
