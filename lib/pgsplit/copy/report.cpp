#include <pgsplit/copy/apply.hpp>
#include <pgsplit/core/byte_size.hpp>
#include <pgsplit/core/count.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace pgsplit::copy {
namespace {

std::string_view status_name(CopyStatus status) {
  switch (status) {
  case CopyStatus::done:
    return "copied";
  case CopyStatus::skipped:
    return "already done (resume)";
  case CopyStatus::failed:
    return "failed";
  case CopyStatus::running:
  case CopyStatus::interrupted:
    return "interrupted";
  default:
    return "not started";
  }
}

} // namespace

std::string render_report_text(const ApplyReport& report) {
  std::string text = "\napply summary\n";
  for (const auto& target : report.targets) {
    const auto kept = target.kept > 0 ? fmt::format("  ({} kept from the earlier run)", target.kept)
                                      : std::string{};
    text += fmt::format("  {:<16} {:>4} {:<6}  {:>13} rows  {:>10}  {:>7.1f}s{}\n", target.name,
                        target.tables, target.tables == 1 ? "table" : "tables",
                        core::format_count(target.rows), core::format_bytes(target.bytes),
                        target.seconds, kept);
  }
  std::vector<const TableReport*> copied;
  for (const auto& table : report.tables) {
    if (table.status == CopyStatus::done) {
      copied.push_back(&table);
    }
  }
  std::sort(copied.begin(), copied.end(),
            [](const TableReport* a, const TableReport* b) { return a->seconds > b->seconds; });
  if (!copied.empty()) {
    text += "  slowest tables:\n";
    for (std::size_t index = 0; index < std::min<std::size_t>(5, copied.size()); ++index) {
      const auto& table = *copied[index];
      text += fmt::format("    {}: {}  {} rows  {}  {:.1f}s\n", table.target, table.table,
                          core::format_count(table.rows), core::format_bytes(table.bytes),
                          table.seconds);
    }
  }
  std::vector<const TableReport*> unfinished;
  for (const auto& table : report.tables) {
    if (table.status != CopyStatus::done && table.status != CopyStatus::skipped) {
      unfinished.push_back(&table);
    }
  }
  if (!unfinished.empty()) {
    text += "  not copied (unmarked in their target; `pgsplit apply --resume` copies them):\n";
    for (const auto* table : unfinished) {
      // A split table commits part by part: say what it holds until --resume empties it.
      const auto held = table->parts > 1 && table->parts_committed > 0
                            ? fmt::format("; holds {} of {} parts until then",
                                          table->parts_committed, table->parts)
                            : std::string{};
      text += fmt::format("    {}: {} ({}{})\n", table->target, table->table,
                          status_name(table->status), held);
    }
  }
  for (const auto& failure : report.failures) {
    text += fmt::format("  failed: {}\n", failure);
  }
  text += fmt::format("  data in {:.1f}s, total {:.1f}s\n", report.data_seconds, report.seconds);
  return text;
}

std::string render_report_json(const ApplyReport& report) {
  nlohmann::ordered_json json;
  json["complete"] = report.complete();
  json["interrupted"] = report.interrupted;
  json["seconds"] = report.seconds;
  json["data_seconds"] = report.data_seconds;
  json["targets"] = nlohmann::ordered_json::array();
  for (const auto& target : report.targets) {
    json["targets"].push_back({{"name", target.name},
                               {"tables", target.tables},
                               {"kept", target.kept},
                               {"rows", target.rows},
                               {"bytes", target.bytes},
                               {"seconds", target.seconds}});
  }
  json["tables"] = nlohmann::ordered_json::array();
  for (const auto& table : report.tables) {
    json["tables"].push_back({{"target", table.target},
                              {"table", table.table},
                              {"status", status_name(table.status)},
                              {"rows", table.rows},
                              {"bytes", table.bytes},
                              {"seconds", table.seconds},
                              {"parts", table.parts},
                              {"parts_committed", table.parts_committed}});
  }
  json["failures"] = report.failures;
  json["not_done"] = report.not_done;
  return json.dump(2) + "\n";
}

} // namespace pgsplit::copy
