#pragma once

#include <string>

namespace pgsplit::app {

// `pgsplit --version`: "pgsplit 0.1.0+git123.abcdef0\nlibpq 15.10\n": the version (the project
// version plus git, cmake/version.cmake) and the libpq the process runs with, for bug reports.
std::string version_text();

} // namespace pgsplit::app
