#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/config/mapping.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/plan.hpp>

#include <filesystem>
#include <optional>
#include <string>

// What `plan` does and `apply` starts with: read the mapping, open the read-only snapshot on the
// source, read its catalog, plan, probe the servers, check. Shared by the commands.
namespace pgsplit::app {

struct PlanningSession {
  config::Mapping mapping;
  pg::Connection source; // inside BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY
  catalog::Catalog catalog;
  plan::Plan plan;
};

// Throws core::ConfigError for a bad mapping file and core::UsageError (exit 2, naming the
// source and its place in the file) when the source cannot be reached; problems of the plan itself
// are findings in `plan`. With `resume`, target tables holding rows are expected (an interrupted
// run): they are checked as under if_target_not_empty: truncate.
// With `online`, the preconditions of online mode (online/preconditions.hpp) are findings too.
PlanningSession prepare_plan(const std::filesystem::path& mapping_file, bool resume = false,
                             bool online = false);

// Prints a plan's errors (and warnings) to stderr as `pgsplit plan` would show them.
void print_findings(const plan::Plan& plan);

// Throws core::PlanError (exit 2: nothing was written) when the plan has errors; the findings
// themselves have been shown already.
void refuse_plan_with_errors(const plan::Plan& plan, std::string hint);

} // namespace pgsplit::app
