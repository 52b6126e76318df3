#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgsplit::stamp {

// What one Alembic migration file declares.
struct AlembicRevision {
  std::string revision;
  std::vector<std::string> down_revisions; // empty for a root, several for a merge
  std::filesystem::path file;
  int line = 0; // line of the `revision =` assignment
};

// Alembic's version_num column is varchar(32): a longer id could never be stamped.
inline constexpr std::size_t alembic_revision_max_length = 32;

// The revision declared by the source of `file`, or std::nullopt when it has no module-level
// `revision` assignment (a helper module, not a migration). Throws core::ConfigError when
// `revision` or `down_revision` is not a literal pgsplit can read, or `down_revision` is missing.
std::optional<AlembicRevision> parse_alembic_revision(std::string_view source,
                                                      const std::filesystem::path& file);

} // namespace pgsplit::stamp
