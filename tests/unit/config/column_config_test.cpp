#include "support/problems.hpp"

#include <pgsplit/config/mapping_loader.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::config;

namespace {

const Environment env = fixed_environment({{"PAD", "13"}});

// Lines 1-6; the test's table entries start on line 7, indented by 6.
const std::string head = "source:\n  url: postgresql://h/mono\ntargets:\n  catalog:\n"
                         "    url: postgresql://h/catalog\n    tables:\n";

TableEntry table(const std::string& entry) {
  return parse_mapping(head + entry, "m.yaml", env).targets.at(0).tables.at(0);
}

std::vector<std::string> problems(const std::string& entries) {
  return pgsplit::testing::mapping_problems(head + entries, env);
}

using Problems = std::vector<std::string>;

} // namespace

TEST_CASE("columns reads drop, rename and type with using, in file order", "[config]") {
  const auto t =
      table("      - name: products\n"
            "        columns:\n"
            "          legacy_flag: drop\n"
            "          ean: {type: text, using: \"lpad(ean::bigint::text, ${PAD}, '0')\"}\n"
            "          price_cents: {rename: price_minor}\n"
            "          weight: {type: \"numeric(10,3)\"}\n"
            "          Odd Name: {rename: odd, type: bigint}\n"
            "        key: uuid\n");
  REQUIRE(t.columns.size() == 5);
  CHECK(t.columns[0].column == "legacy_flag");
  CHECK(t.columns[0].drop);
  CHECK_FALSE(t.columns[0].rename);
  CHECK(t.columns[0].location.line == 9);
  CHECK(t.columns[0].location.column == 11);
  CHECK(t.columns[1].column == "ean");
  CHECK_FALSE(t.columns[1].drop);
  CHECK(t.columns[1].type == "text");
  CHECK(t.columns[1].expression == "lpad(ean::bigint::text, 13, '0')");
  CHECK(t.columns[2].rename == "price_minor");
  CHECK_FALSE(t.columns[2].type);
  CHECK(t.columns[3].type == "numeric(10,3)");
  CHECK_FALSE(t.columns[3].expression);
  CHECK(t.columns[4].column == "Odd Name");
  CHECK(t.columns[4].rename == "odd");
  CHECK(t.columns[4].type == "bigint");
  CHECK(t.key_uuid);
  CHECK(t.key_location.line == 14);
  CHECK(t.key_location.column == 9);
}

TEST_CASE("an entry without columns or key changes nothing", "[config]") {
  const auto t = table("      - {name: products}\n");
  CHECK(t.columns.empty());
  CHECK_FALSE(t.key_uuid);
}

TEST_CASE("malformed column changes are reported where they are written", "[config]") {
  CHECK(problems("      - name: products\n"
                 "        columns:\n"
                 "          a: remove\n"
                 "          b: {using: \"b::text\"}\n"
                 "          c: {}\n"
                 "          d: {rename: ''}\n"
                 "          e: {renam: x}\n"
                 "          f: [drop]\n"
                 "          a: drop\n") ==
        Problems{
            "9:14: targets.catalog.tables[0].columns.a: expected drop or a mapping, got 'remove'",
            "10:14: targets.catalog.tables[0].columns.b: using needs type, the type it produces",
            "11:14: targets.catalog.tables[0].columns.c: expected rename, type or using",
            "12:23: targets.catalog.tables[0].columns.d.rename: expected a non-empty value, got "
            "an empty string",
            "13:14: targets.catalog.tables[0].columns.e: expected rename, type or using",
            "13:15: unknown key 'renam' in targets.catalog.tables[0].columns.e; did you mean "
            "'rename'?",
            "14:14: targets.catalog.tables[0].columns.f: expected drop or a mapping, got a list",
            "15:11: duplicate column 'a' in targets.catalog.tables[0].columns (first at line 9)"});
}

TEST_CASE("columns must be a non-empty mapping and key must be uuid", "[config]") {
  CHECK(problems("      - {name: a, columns: [x]}\n      - {name: b, columns: {}}\n"
                 "      - {name: c, key: serial}\n") ==
        Problems{"7:28: targets.catalog.tables[0].columns: expected a mapping of column names, "
                 "got a list",
                 "8:28: targets.catalog.tables[1].columns: expected at least one column",
                 "9:24: targets.catalog.tables[2].key: expected uuid, got 'serial'"});
}

TEST_CASE("a glob entry cannot reshape columns", "[config]") {
  CHECK(problems("      - {name: \"prod_*\", key: uuid}\n"
                 "      - {name: \"x*\", columns: {a: drop}}\n") ==
        Problems{"7:31: targets.catalog.tables[0].key: cannot reshape the tables matched by the "
                 "glob 'prod_*'",
                 "8:31: targets.catalog.tables[1].columns: cannot reshape the tables matched by "
                 "the glob 'x*'"});
}
