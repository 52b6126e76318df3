#include <pgsplit/core/markdown_table.hpp>
#include <pgsplit/verify/render_markdown.hpp>
#include <pgsplit/verify/render_text.hpp>

#include <fmt/format.h>

namespace pgsplit::verify {
namespace {

using core::Align;
using core::markdown_code;
using core::markdown_text;

void append_findings(std::string& out, const VerifyReport& report, Outcome outcome) {
  core::MarkdownTable table({{"check"}, {"target"}, {"object"}, {"what"}});
  for (const auto& finding : report.findings) {
    if (finding.outcome == outcome) {
      table.add_row({std::string(to_string(finding.check)), markdown_text(finding.target),
                     markdown_code(finding.object), markdown_text(finding.message)});
    }
  }
  if (!table.empty()) {
    out += fmt::format("\n**{}** ({}):\n\n{}",
                       outcome == Outcome::mismatch ? "Mismatches" : "Not checked", table.size(),
                       table.render());
  }
}

std::string target_result(const VerifyReport& report, const TargetReport& target) {
  std::size_t mismatches = 0;
  for (const auto& finding : report.findings) {
    mismatches += finding.outcome == Outcome::mismatch && finding.target == target.name ? 1 : 0;
  }
  return mismatches == 0
             ? "ok"
             : fmt::format("**{} mismatch{}**", format_count(static_cast<std::int64_t>(mismatches)),
                           mismatches == 1 ? "" : "es");
}

void append_targets(std::string& out, const VerifyReport& report) {
  core::MarkdownTable table({{"target"},
                             {"tables", Align::right},
                             {"source rows", Align::right},
                             {"target rows", Align::right},
                             {"result"}});
  for (const auto& target : report.targets) {
    std::int64_t source_rows = 0;
    std::int64_t target_rows = 0;
    for (const auto& check : target.tables) {
      source_rows += check.source_rows.value_or(0);
      target_rows += check.target_rows.value_or(0);
    }
    table.add_row({markdown_text(target.name), format_count(std::ssize(target.tables)),
                   format_count(source_rows), format_count(target_rows),
                   target_result(report, target)});
  }
  out += "\n" + table.render();
}

} // namespace

std::string render_markdown(const VerifyReport& report) {
  std::string out = fmt::format("### pgsplit {}\n\nSource {}\n",
                                markdown_text(verdict_line(report)), markdown_code(report.source));
  append_findings(out, report, Outcome::mismatch);
  append_findings(out, report, Outcome::not_checked);
  append_targets(out, report);
  std::string checked = checked_line(report);
  while (!checked.empty() && checked.back() == '\n') {
    checked.pop_back();
  }
  out += "\n" + markdown_text(checked) + "\n";
  return out;
}

} // namespace pgsplit::verify
