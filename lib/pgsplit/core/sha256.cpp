#include <pgsplit/core/error.hpp>
#include <pgsplit/core/sha256.hpp>

#include <openssl/evp.h>

#include <array>

namespace pgsplit::core {
namespace {

std::string digest_hex(std::string_view bytes, const EVP_MD* algorithm, const char* name) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  // One-shot EVP digest: every input (a migration script, a fingerprint) fits in memory.
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, algorithm, nullptr) != 1) {
    throw Error(std::string("OpenSSL could not compute a ") + name + " digest");
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

} // namespace

std::string sha256_hex(std::string_view bytes) {
  return digest_hex(bytes, EVP_sha256(), "SHA-256");
}

std::string sha384_hex(std::string_view bytes) {
  return digest_hex(bytes, EVP_sha384(), "SHA-384");
}

} // namespace pgsplit::core
