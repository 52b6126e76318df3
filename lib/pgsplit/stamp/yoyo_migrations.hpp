#pragma once

#include <pgsplit/core/diagnostic.hpp>
#include <pgsplit/stamp/stamp_plan.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace pgsplit::stamp {

// One yoyo migration: a `.py` or `.sql` file; its id is the file name without the extension.
struct YoyoMigration {
  std::string id;
  std::string hash; // _yoyo_migration.migration_hash: lowercase hex SHA-256 of the id
  std::filesystem::path file;
};

// The migrations of `dir` as yoyo reads them: `*.py` and `*.sql` files, without rollback
// scripts (`*.rollback.sql`) and post-apply hooks (`post-apply*`, never recorded), sorted by id.
// Throws core::ConfigError for an unreadable folder.
std::vector<YoyoMigration> read_yoyo_migrations(const std::filesystem::path& dir);

// "latest" → all of them; an id → every migration whose id sorts up to it (it must exist).
std::vector<YoyoMigration> yoyo_migrations_up_to(const std::vector<YoyoMigration>& migrations,
                                                 std::string_view version,
                                                 const core::Location& origin);

// The tables yoyo 8 creates (internal schema version 2): `table` (_yoyo_migration) with one
// row per migration, _yoyo_version with the row (2, now), _yoyo_log and yoyo_lock empty.
StampPlan yoyo_stamp_plan(const StampTable& table, const std::vector<YoyoMigration>& migrations,
                          const QuoteIdent& quote_ident);

} // namespace pgsplit::stamp
