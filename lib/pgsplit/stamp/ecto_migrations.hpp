#pragma once

#include <pgsplit/stamp/migration_files.hpp>
#include <pgsplit/stamp/stamp_plan.hpp>
#include <pgsplit/stamp/stamp_request.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace pgsplit::stamp {

// The .exs files directly in `dir` named `<digits>_…`, by version. A version too large for
// bigint, or used twice, is an error at the file.
std::vector<NumberedMigration> read_ecto_migrations(const std::filesystem::path& dir);

// schema_migrations (or `table`, Ecto's migration_source): one row (version, inserted_at = the
// server's UTC time, to the second) per migration up to the version.
StampPlan ecto_stamp_plan(const StampRequest& request, const StampTable& table,
                          const QuoteIdent& quote_ident);

} // namespace pgsplit::stamp
