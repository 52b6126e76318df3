#pragma once

#include <pgsplit/stamp/stamp_plan.hpp>
#include <pgsplit/stamp/stamp_request.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace pgsplit::stamp {

// One dbmate migration, `<version>_<name>.sql`: the version is the digits the name starts with.
struct DbmateMigration {
  std::string version; // as written, leading zeros included: schema_migrations.version is text
  std::string name;    // the file name
  std::filesystem::path file;
};

// The .sql files directly in `dir` whose name starts with a digit, by version. Two files with
// one version are an error at the second.
std::vector<DbmateMigration> read_dbmate_migrations(const std::filesystem::path& dir);

// schema_migrations (or `table`): one row (version) per migration up to the version.
StampPlan dbmate_stamp_plan(const StampRequest& request, const StampTable& table,
                            const QuoteIdent& quote_ident);

} // namespace pgsplit::stamp
