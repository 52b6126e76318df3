#include "integration/verify/split_fixture.hpp"

#include <pgsplit/verify/render_json.hpp>
#include <pgsplit/verify/render_text.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

using namespace pgsplit;
using Catch::Matchers::Contains;
using verify::CheckKind;
using verify::Outcome;

namespace {

const verify::VerifyOptions everything{.checksums = true, .references = true, .jobs = 3};

std::vector<const verify::Finding*> findings_of(const verify::VerifyReport& report,
                                                CheckKind check) {
  std::vector<const verify::Finding*> found;
  for (const auto& finding : report.findings) {
    if (finding.check == check) {
      found.push_back(&finding);
    }
  }
  return found;
}

std::string all_findings(const verify::VerifyReport& report) {
  std::string text;
  for (const auto& finding : report.findings) {
    text += fmt::format("[{}] {} {}: {}\n", verify::to_string(finding.check), finding.target,
                        finding.object, finding.message);
  }
  return text;
}

const verify::TableCheck& table_in(const verify::VerifyReport& report, const std::string& target,
                                   const std::string& table) {
  for (const auto& each : report.targets) {
    for (const auto& check : each.tables) {
      if (each.name == target && check.target_name.to_string() == table) {
        return check;
      }
    }
  }
  throw core::Error("no table " + table + " in target " + target);
}

} // namespace

TEST_CASE("a correct split verifies: rows, checksums, sequences, stamps, schema, references",
          "[verify]") {
  testing::VerifySplit split;
  const int jobs = GENERATE(1, 3);
  CAPTURE(jobs);
  const auto report = split.verify({.checksums = true, .references = true, .jobs = jobs});
  INFO(verify::render_text(report));
  CHECK(report.ok());
  CHECK(report.mismatches() == 0);
  CHECK(report.counted.tables == 7); // partitioned app.events itself holds no rows
  CHECK(report.table_count() == 7);
  CHECK(report.source_rows() == 15);
  CHECK(report.counted.sequences == 3);
  CHECK(report.counted.stamps == 3);
  CHECK(report.counted.schema_tables == 9);
  CHECK(report.counted.references == 2);
  const auto& clients = table_in(report, "crm", "crm.clients");
  CHECK(clients.source_name.to_string() == "app.customers");
  CHECK(clients.source_rows == 4);
  CHECK(clients.checksum == verify::ChecksumStatus::match);
  CHECK(table_in(report, "billing", "app.events_other").where == "service <> 'crm'");
  CHECK(table_in(report, "billing", "app.events_other").source_rows == 2);
  CHECK(table_in(report, "crm", "app.events_other").source_rows == 0);
  // What cannot be checked is said so, and does not fail the run.
  REQUIRE(report.findings.size() == 2);
  CHECK(findings_of(report, CheckKind::stamp).at(0)->outcome == Outcome::not_checked);
  CHECK_THAT(findings_of(report, CheckKind::reference).at(0)->message,
             Contains("not checkable") && Contains("app.legacy"));
  CHECK_THAT(verify::render_text(report),
             Contains("verify OK: 2 targets, 7 tables, 15 rows match (2 not checked)"));
  CHECK(nlohmann::json::parse(verify::render_json(report))["ok"] == true);
}

TEST_CASE("verify names a deleted row", "[verify]") {
  testing::VerifySplit split;
  split.crm.run("DELETE FROM app.orders WHERE id = 3");
  const auto report = split.verify({.jobs = 2});
  INFO(all_findings(report));
  CHECK_FALSE(report.ok());
  const auto rows = findings_of(report, CheckKind::rows);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]->target == "crm");
  CHECK(rows[0]->object == "app.orders");
  CHECK(rows[0]->message == "source 4 rows, target 3 rows (-1 in the target)");
  CHECK(report.mismatches() == 1);
  CHECK_THAT(verify::render_text(report), Contains("verify FAILED: 1 mismatch\n"));
}

TEST_CASE("verify names a changed value only with checksums, when the counts agree", "[verify]") {
  testing::VerifySplit split;
  // '' becomes NULL: the same row count, a different row.
  split.crm.run("UPDATE crm.clients SET name = NULL WHERE email = 'b@x'");
  CHECK(split.verify({}).ok());
  const auto report = split.verify(everything);
  INFO(all_findings(report));
  const auto changed = findings_of(report, CheckKind::checksum);
  REQUIRE(changed.size() == 1);
  CHECK(changed[0]->object == "crm.clients");
  CHECK_THAT(changed[0]->message, Contains("same 4 rows") && Contains("[source app.customers]"));
  CHECK(report.mismatches() == 1);
  CHECK(table_in(report, "crm", "crm.clients").checksum == verify::ChecksumStatus::mismatch);
}

TEST_CASE("verify names a sequence set back", "[verify]") {
  testing::VerifySplit split;
  split.crm.run("SELECT setval(pg_get_serial_sequence('app.orders', 'id'), 2)");
  const auto report = split.verify({});
  INFO(all_findings(report));
  const auto sequences = findings_of(report, CheckKind::sequence);
  REQUIRE(sequences.size() == 1);
  CHECK(sequences[0]->target == "crm");
  CHECK(sequences[0]->object == "app.orders_id_seq");
  CHECK_THAT(sequences[0]->message, Contains("last_value 2 < max(app.orders.id) 4"));
  CHECK(report.mismatches() == 1);
}

TEST_CASE("a sequence that lags behind in the source too is copied as it is, not a mismatch",
          "[verify]") {
  testing::VerifySplit split;
  // A row inserted with an explicit id, the sequence never called (Icinga's IDO schema does
  // this to icinga_dbversion): the same in the source and in the target.
  split.source.run("SELECT setval(pg_get_serial_sequence('app.orders', 'id'), 4, false)");
  split.crm.run("SELECT setval(pg_get_serial_sequence('app.orders', 'id'), 4, false)");
  const auto report = split.verify({});
  INFO(all_findings(report));
  CHECK(report.ok());
  const auto sequences = findings_of(report, CheckKind::sequence);
  REQUIRE(sequences.size() == 1);
  CHECK(sequences[0]->outcome == Outcome::not_checked);
  CHECK(sequences[0]->object == "app.orders_id_seq");
  CHECK_THAT(sequences[0]->message,
             Contains("last_value 4 = max(app.orders.id) 4 (never called)") &&
                 Contains("the source's sequence lags behind its column too"));
}

TEST_CASE("a sequence left further behind than the source's is a mismatch, even when the source "
          "lags too",
          "[verify]") {
  testing::VerifySplit split;
  split.source.run("SELECT setval(pg_get_serial_sequence('app.orders', 'id'), 4, false)");
  split.crm.run("SELECT setval(pg_get_serial_sequence('app.orders', 'id'), 1, false)");
  const auto report = split.verify({});
  CHECK_FALSE(report.ok());
  const auto sequences = findings_of(report, CheckKind::sequence);
  REQUIRE(sequences.size() == 1);
  CHECK(sequences[0]->outcome == Outcome::mismatch);
  CHECK(sequences[0]->object == "app.orders_id_seq");
}

TEST_CASE("verify names a missing stamp row", "[verify]") {
  testing::VerifySplit split;
  split.billing.run("DELETE FROM alembic_version");
  const auto report = split.verify({});
  INFO(all_findings(report));
  const auto stamps = findings_of(report, CheckKind::stamp);
  const auto missing = std::find_if(stamps.begin(), stamps.end(), [](const verify::Finding* each) {
    return each->outcome == Outcome::mismatch;
  });
  REQUIRE(missing != stamps.end());
  CHECK((*missing)->target == "billing");
  CHECK((*missing)->object == "\"alembic_version\" (alembic)");
  CHECK((*missing)->message == "missing def456");
  CHECK(report.mismatches() == 1);
}

TEST_CASE("verify names a dangling cross-target reference, with --references", "[verify]") {
  testing::VerifySplit split;
  // Customer 2 is gone from crm while billing still has an invoice of theirs.
  split.crm.run(
      "DELETE FROM app.orders WHERE customer_id = 2; DELETE FROM crm.clients WHERE id = 2");
  CHECK(findings_of(split.verify({}), CheckKind::reference).empty());
  const auto report = split.verify(everything);
  INFO(all_findings(report));
  const auto references = findings_of(report, CheckKind::reference);
  const auto dangling =
      std::find_if(references.begin(), references.end(),
                   [](const verify::Finding* each) { return each->outcome == Outcome::mismatch; });
  REQUIRE(dangling != references.end());
  CHECK((*dangling)->target == "billing");
  CHECK((*dangling)->object == "billing.invoices (invoices_customer_id_fkey)");
  CHECK((*dangling)->message == "1 of 2 distinct (customer_id) values have no parent row in "
                                "crm.clients (id) of target crm, e.g. (2)");
}

TEST_CASE("schema parity names a dropped column and a dropped index", "[verify]") {
  testing::VerifySplit split;
  split.billing.run("ALTER TABLE billing.invoices DROP COLUMN label");
  split.crm.run("DROP INDEX app.orders_customer_idx");
  const auto report = split.verify({});
  INFO(all_findings(report));
  const auto schema = findings_of(report, CheckKind::schema);
  REQUIRE(schema.size() == 2);
  CHECK(schema[0]->target == "billing");
  CHECK(schema[0]->object == "billing.invoices");
  CHECK(schema[0]->message == "column label is missing (text)");
  CHECK(schema[1]->target == "crm");
  CHECK(schema[1]->object == "app.orders");
  CHECK(schema[1]->message == "index orders_customer_idx is missing");
  // With checksums the digest cannot even be computed on the changed table.
  const auto hashed = split.verify({.checksums = true});
  CHECK_THAT(table_in(hashed, "billing", "billing.invoices").problem, Contains("label"));
}

TEST_CASE("every worker counts the source in the one snapshot verify started with", "[verify]") {
  testing::VerifySplit split;
  // Rows written to the source after the snapshot are not part of what is compared: with
  // workers that read the source outside that snapshot, these tables would differ.
  const auto report = split.verify(everything, [&split] {
    split.source.run("INSERT INTO app.orders (customer_id) SELECT 1 FROM generate_series(1, 5); "
                     "INSERT INTO billing.invoices (customer_id) VALUES (3); "
                     "INSERT INTO app.events VALUES (9, 'crm', 'late')");
  });
  INFO(all_findings(report));
  CHECK(report.ok());
  CHECK(table_in(report, "crm", "app.orders").source_rows == 4);
  // The next run sees them, and misses them in the targets.
  const auto later = split.verify({.jobs = 3});
  CHECK(findings_of(later, CheckKind::rows).size() == 3);
}

TEST_CASE("counts known from the copy stand for the source's, and the target is still counted",
          "[verify][known_rows]") {
  testing::VerifySplit split;
  // app.orders holds 4 rows in the source: a known count of 4 verifies; with one row gone from
  // the target, the same known count names the difference exactly as a source count would.
  verify::VerifyOptions options{.jobs = 2, .known_source_rows = {{{"crm", "app.orders"}, 4}}};
  CHECK(split.verify(options).ok());
  split.crm.run("DELETE FROM app.orders WHERE id = 3");
  auto report = split.verify(options);
  REQUIRE(findings_of(report, CheckKind::rows).size() == 1);
  CHECK(findings_of(report, CheckKind::rows)[0]->message ==
        "source 4 rows, target 3 rows (-1 in the target)");
  // The known count is what the source side holds: the source was not read for it.
  options.known_source_rows = {{{"crm", "app.orders"}, 7}};
  report = split.verify(options);
  CHECK(table_in(report, "crm", "app.orders").source_rows == 7);
  CHECK(findings_of(report, CheckKind::rows)[0]->message ==
        "source 7 rows, target 3 rows (-4 in the target)");
  // Checksums read both sides: a known count does not replace them.
  options.checksums = true;
  report = split.verify(options);
  CHECK(table_in(report, "crm", "app.orders").source_rows == 4);
}
