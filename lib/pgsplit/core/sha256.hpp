#pragma once

#include <string>
#include <string_view>

namespace pgsplit::core {

// Lowercase hex SHA-256 of `bytes` (64 characters), as `sha256sum` prints it. OpenSSL's
// libcrypto computes it. Used for Prisma checksums and for the copy fingerprints.
std::string sha256_hex(std::string_view bytes);

// Lowercase hex SHA-384 of `bytes` (96 characters), as `sha384sum` prints it: sqlx's checksums.
std::string sha384_hex(std::string_view bytes);

} // namespace pgsplit::core
