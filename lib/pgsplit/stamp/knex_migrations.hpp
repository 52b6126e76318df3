#pragma once

#include <pgsplit/stamp/stamp_plan.hpp>
#include <pgsplit/stamp/stamp_request.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace pgsplit::stamp {

// One knex migration: a file of the folder with one of knex's default extensions (.js, .cjs,
// .ts, .coffee, …), recorded by its file name, extension included.
struct KnexMigration {
  std::string version; // the digits the name starts with (its timestamp); may be empty
  std::string name;    // the file name, as knex_migrations.name holds it
  std::filesystem::path file;
};

// The migrations directly in `dir`, sorted by file name as knex sorts them.
std::vector<KnexMigration> read_knex_migrations(const std::filesystem::path& dir);

// knex_migrations (or `table`): one row per migration up to the version, batch 1, in file order;
// knex_migrations_lock (`<table>_lock`) created with its one unlocked row when missing.
StampPlan knex_stamp_plan(const StampRequest& request, const StampTable& table,
                          const QuoteIdent& quote_ident);

} // namespace pgsplit::stamp
