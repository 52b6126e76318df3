// `pgsplit apply --format markdown`: the apply report for an issue, a pull request or a chat.
#include <pgsplit/copy/apply.hpp>
#include <pgsplit/core/byte_size.hpp>
#include <pgsplit/core/count.hpp>
#include <pgsplit/core/markdown_table.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pgsplit::copy {
namespace {

using core::Align;
using core::format_bytes;
using core::format_count;
using core::markdown_code;
using core::markdown_text;

std::string verdict(const ApplyReport& report) {
  std::int64_t tables = 0;
  std::int64_t rows = 0;
  std::int64_t bytes = 0;
  for (const auto& target : report.targets) {
    tables += target.tables;
    rows += target.rows;
    bytes += target.bytes;
  }
  const std::string_view state = report.interrupted  ? "interrupted"
                                 : report.complete() ? "complete"
                                                     : "did not complete";
  return fmt::format("apply {}: {} tables, {} rows, {} copied in {:.1f}s", state,
                     format_count(tables), format_count(rows), format_bytes(bytes), report.seconds);
}

void append_unfinished(std::string& out, const ApplyReport& report) {
  std::string items;
  for (const auto& failure : report.failures) {
    items += "- failed: " + markdown_text(failure) + "\n";
  }
  for (const auto& table : report.tables) {
    if (table.status != CopyStatus::done && table.status != CopyStatus::skipped &&
        table.status != CopyStatus::failed) {
      items += fmt::format("- not copied: {} in {}\n", markdown_code(table.table),
                           markdown_text(table.target));
    }
  }
  if (!items.empty()) {
    out += "\n**Not done** (`pgsplit apply --resume` continues):\n\n" + items;
  }
}

void append_targets(std::string& out, const ApplyReport& report) {
  core::MarkdownTable table({{"target"},
                             {"tables", Align::right},
                             {"kept (resume)", Align::right},
                             {"rows", Align::right},
                             {"size", Align::right},
                             {"time", Align::right}});
  for (const auto& target : report.targets) {
    table.add_row({markdown_text(target.name), format_count(target.tables),
                   format_count(target.kept), format_count(target.rows), format_bytes(target.bytes),
                   fmt::format("{:.1f}s", target.seconds)});
  }
  out += "\n" + table.render();
}

void append_slowest(std::string& out, const ApplyReport& report) {
  std::vector<const TableReport*> copied;
  for (const auto& table : report.tables) {
    if (table.status == CopyStatus::done) {
      copied.push_back(&table);
    }
  }
  std::sort(copied.begin(), copied.end(),
            [](const TableReport* a, const TableReport* b) { return a->seconds > b->seconds; });
  copied.resize(std::min<std::size_t>(copied.size(), 5));
  if (copied.empty()) {
    return;
  }
  core::MarkdownTable table({{"target"},
                             {"table"},
                             {"rows", Align::right},
                             {"size", Align::right},
                             {"time", Align::right}});
  for (const auto* copy : copied) {
    table.add_row({markdown_text(copy->target), markdown_code(copy->table),
                   format_count(copy->rows), format_bytes(copy->bytes),
                   fmt::format("{:.1f}s", copy->seconds)});
  }
  out += "\n**Slowest tables**:\n\n" + table.render();
}

} // namespace

std::string render_report_markdown(const ApplyReport& report) {
  std::string out = fmt::format("### pgsplit {}\n", markdown_text(verdict(report)));
  append_unfinished(out, report);
  append_targets(out, report);
  append_slowest(out, report);
  return out;
}

} // namespace pgsplit::copy
