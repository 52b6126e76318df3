#include <pgsplit/verify/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace pgsplit::verify {
namespace {

std::string count_text(const std::optional<std::int64_t>& rows) {
  return rows ? format_count(*rows) : "?";
}

Finding table_finding(const TargetReport& target, const TableCheck& table) {
  Finding finding;
  finding.target = target.name;
  finding.object = table.target_name.to_string();
  if (!table.problem.empty()) {
    finding.message = fmt::format("cannot read the target table: {}", table.problem);
  } else if (table.source_rows != table.target_rows) {
    const std::int64_t difference = table.target_rows.value_or(0) - table.source_rows.value_or(0);
    finding.message = fmt::format("source {} rows, target {} rows ({}{} in the target)",
                                  count_text(table.source_rows), count_text(table.target_rows),
                                  difference > 0 ? "+" : "", format_count(difference));
  } else {
    finding.check = CheckKind::checksum;
    finding.message = fmt::format("same {} rows, different contents (checksums differ)",
                                  count_text(table.source_rows));
  }
  if (table.source_name != table.target_name) {
    finding.message += fmt::format(" [source {}]", table.source_name.to_string());
  }
  return finding;
}

} // namespace

bool TableCheck::matches() const {
  return problem.empty() && source_rows.has_value() && source_rows == target_rows &&
         checksum != ChecksumStatus::mismatch;
}

std::size_t VerifyReport::mismatches() const {
  return static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(),
                    [](const Finding& finding) { return finding.outcome == Outcome::mismatch; }));
}

std::size_t VerifyReport::table_count() const {
  std::size_t count = 0;
  for (const auto& target : targets) {
    count += target.tables.size();
  }
  return count;
}

std::int64_t VerifyReport::source_rows() const {
  std::int64_t rows = 0;
  for (const auto& target : targets) {
    for (const auto& table : target.tables) {
      rows += table.source_rows.value_or(0);
    }
  }
  return rows;
}

std::string_view to_string(CheckKind check) {
  switch (check) {
  case CheckKind::rows:
    return "rows";
  case CheckKind::checksum:
    return "checksum";
  case CheckKind::sequence:
    return "sequence";
  case CheckKind::stamp:
    return "stamp";
  case CheckKind::schema:
    return "schema";
  case CheckKind::reference:
    return "reference";
  }
  return "?";
}

std::string_view to_string(Outcome outcome) {
  return outcome == Outcome::mismatch ? "mismatch" : "not checked";
}

std::string_view to_string(ChecksumStatus status) {
  switch (status) {
  case ChecksumStatus::match:
    return "ok";
  case ChecksumStatus::mismatch:
    return "mismatch";
  case ChecksumStatus::not_computed:
    break;
  }
  return "not computed";
}

void add_table_findings(VerifyReport& report) {
  for (const auto& target : report.targets) {
    for (const auto& table : target.tables) {
      if (!table.matches()) {
        report.findings.push_back(table_finding(target, table));
      }
    }
  }
}

void sort_findings(VerifyReport& report) {
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [](const Finding& left, const Finding& right) {
                     return std::tie(left.check, left.target, left.object) <
                            std::tie(right.check, right.target, right.object);
                   });
}

} // namespace pgsplit::verify
