#include <pgsplit/pg/libpq_version.hpp>

#include <fmt/format.h>
#include <libpq-fe.h>

namespace pgsplit::pg {

std::string libpq_version() {
  const int number = PQlibVersion();
  // From PostgreSQL 10 on: major * 10000 + minor; before it: major * 10000 + minor * 100 + patch.
  if (number >= 100000) {
    return fmt::format("{}.{}", number / 10000, number % 10000);
  }
  return fmt::format("{}.{}.{}", number / 10000, number / 100 % 100, number % 100);
}

} // namespace pgsplit::pg
