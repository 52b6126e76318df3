#pragma once

#include <pgsplit/verify/report.hpp>

#include <string>

namespace pgsplit::verify {

// The report as a Markdown summary to paste into an issue, a pull request or a chat: the
// verdict as a heading, the mismatches first, then what could not be checked, one table row per
// target (tables, source rows, target rows, result) and what each check looked at. No terminal
// escapes. Layout: docs/verify.md.
std::string render_markdown(const VerifyReport& report);

} // namespace pgsplit::verify
