#pragma once

#include <pgsplit/core/diagnostic.hpp>
#include <pgsplit/stamp/alembic_revision_file.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace pgsplit::stamp {

// The revision graph of one Alembic versions folder.
struct AlembicHistory {
  std::filesystem::path versions_dir;
  std::vector<AlembicRevision> revisions; // in file-name order
};

// Reads every `*.py` file directly in `versions_dir` (not `__init__.py`, not hidden files;
// subfolders are not searched, as Alembic does without recursive_version_locations). Files
// without a module-level `revision` are helpers and skipped. Throws core::ConfigError listing
// every problem: unreadable folder or file, duplicate revision ids, a down_revision that no file
// defines, a history without a head (a cycle).
AlembicHistory read_alembic_history(const std::filesystem::path& versions_dir);

// The revisions no other revision names as a down_revision, in file-name order.
std::vector<std::string> alembic_heads(const AlembicHistory& history);

// The revisions a stamp writes, one row each:
// - "head": the single head; several heads are an error naming them all, unless `all_heads`;
// - "heads": every head (as `alembic stamp heads`);
// - anything else is a revision id, returned as is; when `history` is given (not null) it must
//   define it.
// Errors point at `origin`, the stamp entry of the mapping file.
std::vector<std::string> resolve_alembic_version(const AlembicHistory* history,
                                                 std::string_view version, bool all_heads,
                                                 const core::Location& origin);

} // namespace pgsplit::stamp
