#pragma once

#include <string>

namespace pgsplit::pg {

// The version of the libpq library the process runs with (PQlibVersion), as PostgreSQL spells
// it: "15.10", "16.4". It may differ from the one pgsplit was built against when the system's
// libpq5 package is upgraded; `pgsplit --version` shows it for bug reports.
std::string libpq_version();

} // namespace pgsplit::pg
