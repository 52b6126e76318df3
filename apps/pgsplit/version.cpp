#include "version.hpp"

#include <pgsplit/pg/libpq_version.hpp>

#include <fmt/format.h>

#include <pgsplit_version.hpp> // generated at build time by cmake/version.cmake

namespace pgsplit::app {

std::string version_text() {
  return fmt::format("pgsplit {}\nlibpq {}\n", PGSPLIT_VERSION, pg::libpq_version());
}

} // namespace pgsplit::app
