#pragma once

#include <pgsplit/stamp/stamp_plan.hpp>
#include <pgsplit/stamp/stamp_request.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace pgsplit::stamp {

// One node-pg-migrate migration: a file of the folder not starting with '.', recorded by its
// name without the extension.
struct NodePgMigration {
  std::string version; // the number the name starts with; may be empty
  std::string name;    // the file name less its extension, as pgmigrations.name holds it
  std::filesystem::path file;
};

// The migrations directly in `dir`, in node-pg-migrate's order: by the number each name starts
// with, then by name.
std::vector<NodePgMigration> read_node_pg_migrations(const std::filesystem::path& dir);

// pgmigrations (or `table`): one row per migration up to the version, run_on = now(), inserted in
// order (node-pg-migrate reads them back by run_on, then id).
StampPlan node_pg_migrate_stamp_plan(const StampRequest& request, const StampTable& table,
                                     const QuoteIdent& quote_ident);

} // namespace pgsplit::stamp
