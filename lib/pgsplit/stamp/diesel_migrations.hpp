#pragma once

#include <pgsplit/stamp/stamp_plan.hpp>
#include <pgsplit/stamp/stamp_request.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace pgsplit::stamp {

// One Diesel migration: a folder `<version>_<name>` holding an up.sql, e.g.
// 2024-01-02-150405_create_users; the version is the part before the first '_' less its dashes
// (20240102150405), as Diesel records it.
struct DieselMigration {
  std::string version;
  std::string name; // the folder's name
  std::filesystem::path file;
};

// The migration folders directly in `dir` (Diesel's own 00000000000000_diesel_initial_setup
// included), sorted by version. A folder without up.sql, or a version used twice, is an error.
std::vector<DieselMigration> read_diesel_migrations(const std::filesystem::path& dir);

// __diesel_schema_migrations: one row (version, run_on = now()) per migration up to the version.
StampPlan diesel_stamp_plan(const StampRequest& request, const StampTable& table,
                            const QuoteIdent& quote_ident);

} // namespace pgsplit::stamp
