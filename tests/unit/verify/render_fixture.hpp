#pragma once

// A hand-made report for the renderers' tests: two targets, a renamed and a filtered table,
// one row mismatch, one sequence mismatch and one stamp that cannot be checked.
#include <pgsplit/verify/report.hpp>

namespace pgsplit::testing {

inline verify::VerifyReport make_report(bool with_mismatches) {
  using namespace pgsplit::verify;
  VerifyReport report;
  report.source = "postgresql://app@mono:5432/app";
  report.checksums = true;
  report.targets.push_back({"crm", "postgresql://app@crm/crm", {}});
  report.targets[0].tables.push_back({{"app", "customers"},
                                      {"crm", "clients"},
                                      std::nullopt,
                                      12345,
                                      12345,
                                      ChecksumStatus::match,
                                      {}});
  report.targets[0].tables.push_back({{"app", "events"},
                                      {"app", "events"},
                                      std::string("kind = 'crm'"),
                                      7,
                                      with_mismatches ? 6 : 7,
                                      ChecksumStatus::match,
                                      {}});
  report.targets.push_back({"billing", "postgresql://app@billing/billing", {}});
  report.targets[1].tables.push_back({{"billing", "invoices"},
                                      {"billing", "invoices"},
                                      std::nullopt,
                                      3,
                                      3,
                                      ChecksumStatus::match,
                                      {}});
  report.counted = {.tables = 3, .sequences = 2, .stamps = 1, .schema_tables = 3};
  report.findings.push_back({CheckKind::stamp, Outcome::not_checked, "billing", "sql",
                             "a sql: stamp cannot be verified: INSERT INTO v VALUES (1)"});
  if (with_mismatches) {
    report.findings.push_back({CheckKind::sequence, Outcome::mismatch, "crm", "crm.clients_id_seq",
                               "last_value 4 < max(crm.clients.id) 12,345: the next nextval() "
                               "is 5, not above 12,345"});
  }
  add_table_findings(report);
  sort_findings(report);
  return report;
}

} // namespace pgsplit::testing
