#pragma once

#include <pgsplit/verify/report.hpp>

#include <string>

namespace pgsplit::verify {

// The report as one JSON document (2-space indent, keys in a fixed order) for scripts and CI.
// `format_version` is 1; every key is documented in docs/verify.md and is only ever added
// within a format version, never renamed or removed.
std::string render_json(const VerifyReport& report);

} // namespace pgsplit::verify
