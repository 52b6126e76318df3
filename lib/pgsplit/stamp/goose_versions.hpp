#pragma once

#include <pgsplit/stamp/migration_files.hpp>
#include <pgsplit/stamp/stamp_plan.hpp>
#include <pgsplit/stamp/stamp_request.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace pgsplit::stamp {

// The .sql and .go files directly in `dir` named `<digits>_…`, by version (_test.go files are
// not migrations). A version too large for bigint, or used twice, is an error at the file.
std::vector<NumberedMigration> read_goose_migrations(const std::filesystem::path& dir);

// goose_db_version (or `table`): goose's own first row (version_id 0), then one row
// (version_id, is_applied = true) per migration up to the version, in order.
StampPlan goose_stamp_plan(const StampRequest& request, const StampTable& table,
                           const QuoteIdent& quote_ident);

} // namespace pgsplit::stamp
