#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/migration_dir.hpp>
#include <pgsplit/stamp/sha256.hpp>

#include <openssl/evp.h>

#include <array>

namespace pgsplit::stamp {

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  // One-shot EVP digest: the inputs (migration scripts) are small enough to hold in memory.
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw core::Error("OpenSSL could not compute a SHA-256 digest");
  }
  static constexpr char hex_digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(hex_digits[digest[i] >> 4]);
    hex.push_back(hex_digits[digest[i] & 0x0f]);
  }
  return hex;
}

std::string sha256_file_hex(const std::filesystem::path& file) {
  return sha256_hex(read_migration_file(file));
}

} // namespace pgsplit::stamp
