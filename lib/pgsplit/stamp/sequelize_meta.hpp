#pragma once

#include <pgsplit/stamp/stamp_plan.hpp>
#include <pgsplit/stamp/stamp_request.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace pgsplit::stamp {

// One sequelize-cli migration: a .js, .cjs, .ts or .cts file of the folder (not .d.ts),
// recorded by its file name.
struct SequelizeMigration {
  std::string version; // the digits the name starts with; may be empty
  std::string name;    // the file name, as SequelizeMeta.name holds it
  std::filesystem::path file;
};

// The migrations directly in `dir`, sorted by file name as sequelize-cli runs them.
std::vector<SequelizeMigration> read_sequelize_migrations(const std::filesystem::path& dir);

// SequelizeMeta (or `table`): one row (name) per migration up to the version.
StampPlan sequelize_stamp_plan(const StampRequest& request, const StampTable& table,
                               const QuoteIdent& quote_ident);

} // namespace pgsplit::stamp
