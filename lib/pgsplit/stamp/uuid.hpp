#pragma once

#include <array>
#include <string>

namespace pgsplit::stamp {

// A version 4 (random) UUID in its canonical lowercase text form, e.g.
// "1b4e28ba-2fa1-4d2e-8c3f-0e9f4a5b6c7d": the version and variant bits of `bytes` are
// overwritten, every other bit is kept.
std::string format_uuid_v4(std::array<unsigned char, 16> bytes);

// A fresh random version 4 UUID (from std::random_device), as Prisma writes into
// _prisma_migrations.id. Generated here rather than with gen_random_uuid() in SQL, which
// needs PostgreSQL 13 (or pgcrypto) on the target.
std::string random_uuid_v4();

} // namespace pgsplit::stamp
