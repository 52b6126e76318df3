#pragma once

#include <pgsplit/verify/report.hpp>

#include <string>

namespace pgsplit::verify {

// The report for a person: per target a table (table, source rows, target rows, checksum,
// result), what each check looked at, every finding, and the verdict as the last line:
//   verify OK: 6 targets, 35 tables, 12,345 rows match
//   verify FAILED: 2 mismatches
// Plain text, no colour; ends with a newline. Layout in docs/verify.md.
std::string render_text(const VerifyReport& report);

// What each check looked at: "checked: 35 tables, 12 sequence columns, …; checksums computed",
// with a newline.
std::string checked_line(const VerifyReport& report);

// The last line alone, without newline.
std::string verdict_line(const VerifyReport& report);

} // namespace pgsplit::verify
