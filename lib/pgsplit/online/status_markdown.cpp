#include <pgsplit/core/byte_size.hpp>
#include <pgsplit/core/markdown_table.hpp>
#include <pgsplit/online/status.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pgsplit::online {

std::string render_status_markdown(const StatusReport& report) {
  const bool cut_over =
      std::all_of(report.targets.begin(), report.targets.end(),
                  [](const TargetStatus& target) { return target.phase == "cut over"; });
  std::string text = fmt::format("### pgsplit status: {}\n\n",
                                 cut_over                 ? "every target is cut over"
                                 : report.all_streaming() ? "every target is streaming"
                                                          : "not every target is streaming");
  for (const auto& warning : report.warnings) { // problems first
    text += fmt::format("- **warning**: {}\n", core::markdown_text(warning));
  }
  if (!report.warnings.empty()) {
    text += "\n";
  }
  core::MarkdownTable table({{"target"},
                             {"phase"},
                             {"lag", core::Align::right},
                             {"lag (s)", core::Align::right},
                             {"WAL retained", core::Align::right},
                             {"worker"}});
  const auto bytes = [](const std::optional<std::int64_t>& value) {
    return value ? core::format_bytes(*value) : std::string("–");
  };
  for (const auto& target : report.targets) {
    table.add_row({core::markdown_code(target.target), core::markdown_text(target.phase),
                   bytes(target.lag_bytes),
                   target.lag_seconds ? fmt::format("{:.1f}", *target.lag_seconds) : "–",
                   bytes(target.retained_wal_bytes),
                   target.worker_pid ? fmt::format("pid {}", *target.worker_pid)
                                     : std::string(target.subscription ? "not running" : "–")});
  }
  return text + table.render() +
         fmt::format("\nSource WAL position {}.\n", core::markdown_code(report.source_lsn));
}

} // namespace pgsplit::online
