#include <pgsplit/core/sha256.hpp>
#include <pgsplit/stamp/migration_dir.hpp>
#include <pgsplit/stamp/sha256.hpp>

namespace pgsplit::stamp {

std::string sha256_file_hex(const std::filesystem::path& file) {
  return core::sha256_hex(read_migration_file(file));
}

} // namespace pgsplit::stamp
