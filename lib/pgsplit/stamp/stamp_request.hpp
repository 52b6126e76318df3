#pragma once

#include <pgsplit/core/diagnostic.hpp>
#include <pgsplit/stamp/stamp_plan.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace pgsplit::stamp {

// One stamp entry of the mapping file, as the planner hands it over.
struct StampRequest {
  StampTool tool = StampTool::alembic;
  // The migration folder, already resolved against the mapping file's folder; empty when not
  // configured (then `version` must be a literal, and prisma cannot be stamped).
  std::filesystem::path migrations_dir;
  std::string version;    // empty: the tool's default, "head" (alembic) or "latest"
  bool all_heads = false; // alembic only (`heads: all`): stamp every head
  std::string schema;     // empty: unqualified
  std::string table;      // empty: default_stamp_table(tool); prisma's cannot be changed
  std::optional<std::string> installed_by; // flyway only; empty: the connected role
  config::StampSettingsA settings_a;       // rails, django, yoyo, files
                                           // the entry in the mapping file: where its errors point
  // part B, liquibase only: the path recorded in databasechangelog.filename (migrations_dir is
  // then the changelog file); unset: the changelog's file name
  std::optional<std::string> changelog_name;
  core::Location origin; // the entry in the mapping file: where its errors point
};

// Reads the migration folder, resolves the version and builds the plan. Reads files only; no
// database. Throws core::ConfigError for every problem, with file and line when known.
StampPlan plan_stamp(const StampRequest& request, const QuoteIdent& quote_ident);

} // namespace pgsplit::stamp
