#include <pgsplit/verify/render_text.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <vector>

namespace pgsplit::verify {
namespace {

constexpr std::size_t column_count = 5;
using Row = std::array<std::string, column_count>;

// Terminal columns taken by UTF-8 text: its code points (the arrow of a renamed table).
std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char character) {
    return (static_cast<unsigned char>(character) & 0xC0) != 0x80;
  }));
}

std::string padded(const std::string& text, std::size_t width, bool right) {
  const std::size_t used = display_width(text);
  const std::string fill(used < width ? width - used : 0, ' ');
  return right ? fill + text : text + fill;
}

template <typename Count>
std::string plural(Count count, std::string_view singular, std::string_view plural_form) {
  return fmt::format("{} {}", format_count(static_cast<std::int64_t>(count)),
                     count == 1 ? singular : plural_form);
}

std::string result_of(const TableCheck& table) {
  if (!table.problem.empty()) {
    return "UNREADABLE";
  }
  if (table.source_rows != table.target_rows) {
    return "ROWS DIFFER";
  }
  return table.checksum == ChecksumStatus::mismatch ? "CONTENT DIFFERS" : "ok";
}

Row row_of(const TableCheck& table) {
  std::string name = table.source_name.to_string();
  if (table.target_name != table.source_name) {
    name += " → " + table.target_name.to_string();
  }
  const auto rows = [](const std::optional<std::int64_t>& count) {
    return count ? format_count(*count) : std::string("-");
  };
  return {name, rows(table.source_rows), rows(table.target_rows),
          std::string(to_string(table.checksum)), result_of(table)};
}

void append_target(std::string& out, const TargetReport& target) {
  out += fmt::format("\n== target {} → {}\n", target.name, target.connection);
  if (target.tables.empty()) {
    out += "  (no tables with rows of their own)\n";
    return;
  }
  std::vector<Row> rows{{"table", "source rows", "target rows", "checksum", "result"}};
  for (const auto& table : target.tables) {
    rows.push_back(row_of(table));
  }
  std::array<std::size_t, column_count> widths{};
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < column_count; ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  }
  for (std::size_t index = 0; index < rows.size(); ++index) {
    const auto& row = rows[index];
    std::string line = "  " + padded(row[0], widths[0], false);
    line += "  " + padded(row[1], widths[1], true);
    line += "  " + padded(row[2], widths[2], true);
    line += "  " + padded(row[3], widths[3], false);
    line += "  " + row[4];
    out += line + "\n";
    if (index > 0 && target.tables[index - 1].where) {
      out += fmt::format("      where {}\n", *target.tables[index - 1].where);
    }
  }
}

} // namespace

std::string checked_line(const VerifyReport& report) {
  std::vector<std::string> parts{plural(report.counted.tables, "table", "tables")};
  parts.push_back(plural(report.counted.sequences, "sequence column", "sequence columns"));
  parts.push_back(plural(report.counted.stamps, "stamp", "stamps"));
  parts.push_back(plural(report.counted.schema_tables, "table schema", "table schemas"));
  parts.push_back(report.references ? plural(report.counted.references, "cross-target foreign key",
                                             "cross-target foreign keys")
                                    : std::string("references not checked (--references)"));
  return fmt::format("checked: {}; checksums {}\n", fmt::join(parts, ", "),
                     report.checksums ? "computed" : "not computed (--checksums)");
}

std::string verdict_line(const VerifyReport& report) {
  const std::size_t mismatches = report.mismatches();
  if (mismatches > 0) {
    return fmt::format("verify FAILED: {}", plural(mismatches, "mismatch", "mismatches"));
  }
  const std::size_t not_checked = report.findings.size();
  return fmt::format(
      "verify OK: {}, {}, {} match{}", plural(report.targets.size(), "target", "targets"),
      plural(report.table_count(), "table", "tables"), plural(report.source_rows(), "row", "rows"),
      not_checked == 0 ? "" : fmt::format(" ({} not checked)", not_checked));
}

std::string render_text(const VerifyReport& report) {
  std::string out = fmt::format("pgsplit verify: source {}\n", report.source);
  for (const auto& target : report.targets) {
    append_target(out, target);
  }
  out += "\n" + checked_line(report);
  if (!report.findings.empty()) {
    out += "findings:\n";
    for (const auto& finding : report.findings) {
      out += fmt::format("  {:<11} {:<9} {}: {}: {}\n",
                         finding.outcome == Outcome::mismatch ? "MISMATCH" : "not checked",
                         to_string(finding.check), finding.target, finding.object, finding.message);
    }
  }
  return out + "\n" + verdict_line(report) + "\n";
}

} // namespace pgsplit::verify
