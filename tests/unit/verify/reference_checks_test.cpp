#include "support/catalog_builder.hpp"

#include <pgsplit/verify/reference_checks.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace pgsplit::verify;

namespace {

class Lines final : public LineSource {
public:
  explicit Lines(std::vector<std::string> lines) : lines_(std::move(lines)) {}
  bool next(std::string& line) override {
    if (next_ >= lines_.size()) {
      return false;
    }
    line = lines_[next_++];
    return true;
  }

private:
  std::vector<std::string> lines_;
  std::size_t next_ = 0;
};

OrphanCount orphans(std::vector<std::string> children, std::vector<std::string> parents) {
  Lines child_lines(std::move(children));
  Lines parent_lines(std::move(parents));
  return count_orphans(child_lines, parent_lines, 2);
}

} // namespace

TEST_CASE("count_orphans merges two sorted key streams", "[verify]") {
  auto count = orphans({"1", "3", "5"}, {"1", "2", "3", "4", "5", "6"});
  CHECK(count.child_keys == 3);
  CHECK(count.orphans == 0);

  count = orphans({"0", "3", "7", "8", "9"}, {"1", "3", "5"});
  CHECK(count.child_keys == 5);
  CHECK(count.orphans == 4);
  CHECK(count.examples == std::vector<Key>{{"0"}, {"7"}});

  count = orphans({"a"}, {});
  CHECK(count.orphans == 1);
  count = orphans({}, {"a"});
  CHECK(count.child_keys == 0);
  CHECK(count.orphans == 0);
}

TEST_CASE("count_orphans compares keys column by column, bytewise, escapes undone", "[verify]") {
  // Sorted as COLLATE "C" sorts: "1" < "10" < "9"; "a\tb" (escaped in COPY) < "a~".
  auto count = orphans({"1\tx", "10\tx", "9\ty"}, {"1\tx", "10\ty", "9\ty"});
  CHECK(count.orphans == 1);
  CHECK(count.examples == std::vector<Key>{{"10", "x"}});
  count = orphans({"a\\tb", "a~"}, {"a\\tb", "a~"});
  CHECK(count.orphans == 0);
  // Bytes above 0x7f sort after ASCII, as in the C collation.
  count = orphans({"z", "é"}, {"z", "é"});
  CHECK(count.orphans == 0);
}

TEST_CASE("distinct_keys_copy streams non-null keys as text in C order", "[verify]") {
  CHECK(distinct_keys_copy("\"app\".\"orders\"", {"\"customer_id\""}, {std::string("bigint")},
                           true) ==
        "COPY (SELECT DISTINCT (\"customer_id\")::bigint::text COLLATE \"C\" FROM ONLY "
        "\"app\".\"orders\" WHERE \"customer_id\" IS NOT NULL ORDER BY 1) TO STDOUT");
  CHECK(distinct_keys_copy("p", {"\"a\"", "\"b\""}, {}, false) ==
        "COPY (SELECT DISTINCT (\"a\")::text COLLATE \"C\", (\"b\")::text COLLATE \"C\" FROM p "
        "WHERE \"a\" IS NOT NULL AND \"b\" IS NOT NULL ORDER BY 1, 2) TO STDOUT");
}

TEST_CASE("plan_reference_checks: where each end lives, casts, and keys not checkable",
          "[verify]") {
  using namespace pgsplit;
  testing::CatalogBuilder builder;
  catalog::Table& invoices = builder.next_oid(1).bare_table("billing", "invoices");
  invoices.columns = {{.name = "customer_id", .type = "integer"}};
  catalog::Table& customers = builder.bare_table("app", "customers");
  customers.kind = catalog::TableKind::partitioned_table;
  customers.columns = {{.name = "id", .type = "bigint"}};
  const catalog::Catalog& catalog = builder.catalog();

  plan::Plan plan;
  plan.targets.push_back({.name = "billing"});
  plan.targets.back().tables = {
      {.table = 1, .source_name = invoices.name, .target_name = invoices.name}};
  plan.targets.push_back({.name = "crm"});
  plan.targets.back().tables = {
      {.table = 2, .source_name = customers.name, .target_name = {"crm", "clients"}}};
  plan.cross_target_foreign_keys = {{.name = "invoices_customer_fk",
                                     .child_table = 1,
                                     .child = invoices.name,
                                     .child_columns = {"customer_id"},
                                     .child_target = "billing",
                                     .parent_table = 2,
                                     .parent = customers.name,
                                     .parent_columns = {"id"},
                                     .parent_target = "crm"},
                                    {.name = "invoices_legacy_fk",
                                     .child_table = 1,
                                     .child = invoices.name,
                                     .child_columns = {"legacy_id"},
                                     .child_target = "billing",
                                     .parent_table = 9,
                                     .parent = {"app", "legacy"},
                                     .parent_columns = {"id"},
                                     .parent_target = ""}};

  std::vector<Finding> findings;
  const auto jobs = plan_reference_checks(plan, catalog, findings);
  REQUIRE(jobs.size() == 1);
  CHECK(jobs[0].key->name == "invoices_customer_fk");
  CHECK(jobs[0].child_table == invoices.name);
  CHECK(jobs[0].parent_table == catalog::QualifiedName{"crm", "clients"});
  CHECK(jobs[0].casts == std::vector<std::optional<std::string>>{std::string("bigint")});
  CHECK_FALSE(jobs[0].child_partitioned);
  CHECK(jobs[0].parent_partitioned);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].outcome == Outcome::not_checked);
  CHECK(findings[0].object == "billing.invoices (invoices_legacy_fk)");
  CHECK(findings[0].message == "not checkable: the parent app.legacy is not copied to any target");
}
