#include "unit/verify/render_fixture.hpp"

#include <pgsplit/verify/render_text.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::verify;

TEST_CASE("render_text: a table per target, what was checked, findings, verdict", "[verify]") {
  CHECK(render_text(pgsplit::testing::make_report(true)) ==
        R"(pgsplit verify: source postgresql://app@mono:5432/app

== target crm → postgresql://app@crm/crm
  table                        source rows  target rows  checksum  result
  app.customers → crm.clients       12,345       12,345  ok        ok
  app.events                             7            6  ok        ROWS DIFFER
      where kind = 'crm'

== target billing → postgresql://app@billing/billing
  table             source rows  target rows  checksum  result
  billing.invoices            3            3  ok        ok

checked: 3 tables, 2 sequence columns, 1 stamp, 3 table schemas, references not checked (--references); checksums computed
findings:
  MISMATCH    rows      crm: app.events: source 7 rows, target 6 rows (-1 in the target)
  MISMATCH    sequence  crm: crm.clients_id_seq: last_value 4 < max(crm.clients.id) 12,345: the next nextval() is 5, not above 12,345
  not checked stamp     billing: sql: a sql: stamp cannot be verified: INSERT INTO v VALUES (1)

verify FAILED: 2 mismatches
)");
}

TEST_CASE("the verdict of a clean run counts targets, tables and rows", "[verify]") {
  CHECK(verdict_line(pgsplit::testing::make_report(false)) ==
        "verify OK: 2 targets, 3 tables, 12,355 rows match (1 not checked)");
  VerifyReport empty;
  CHECK(verdict_line(empty) == "verify OK: 0 targets, 0 tables, 0 rows match");
}
