#include "support/problems.hpp"

#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/core/error.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::config;

namespace {

const Environment env = fixed_environment({{"SERVICE", "auth"}});

// Lines 1-6; the test's table entries start on line 7, indented by 6.
const std::string head = "source:\n  url: postgresql://h/mono\ntargets:\n  auth:\n"
                         "    url: postgresql://h/auth\n    tables:\n";

std::vector<TableEntry> tables(const std::string& entries) {
  return parse_mapping(head + entries, "m.yaml", env).targets.at(0).tables;
}

std::vector<std::string> problems(const std::string& entries) {
  return pgsplit::testing::mapping_problems(head + entries, env);
}

using Problems = std::vector<std::string>;

} // namespace

TEST_CASE("short-form table entries follow the name rules", "[config]") {
  const auto t = tables("      - users\n      - \"auth_*\"\n      - '\"a.b\".\"c\"'\n"
                        "      - Session Tokens\n      - billing.invoices\n");
  REQUIRE(t.size() == 5);
  CHECK(t[0].pattern == NamePattern{std::nullopt, "users"});
  CHECK(t[1].pattern == NamePattern{std::nullopt, "auth_*"});
  CHECK(t[2].pattern == NamePattern{"a.b", "c"});
  CHECK(t[3].pattern == NamePattern{std::nullopt, "Session Tokens"});
  CHECK(t[4].pattern == NamePattern{"billing", "invoices"});
  CHECK_FALSE(t[0].where);
  CHECK_FALSE(t[0].rename);
  CHECK_FALSE(t[0].replicate);
  CHECK(t[2].location.line == 9);
  CHECK(t[2].location.column == 9);
  CHECK(t[2].location.table == "\"a.b\".c");
}

TEST_CASE("short-form names with broken quoting or dots are reported", "[config]") {
  CHECK(problems("      - a.b.c\n      - '\"a.b'\n      - ''\n      - x.\n") ==
        Problems{"7:9: targets.auth.tables[0]: more than one unquoted dot in 'a.b.c'",
                 "8:9: targets.auth.tables[1]: unbalanced quotes in '\"a.b'",
                 "9:9: targets.auth.tables[2]: empty table name",
                 "10:9: targets.auth.tables[3]: empty table name in 'x.'"});
}

TEST_CASE("the long form reads every key", "[config]") {
  const auto t = tables("      - name: audit_events\n"
                        "        schema: public\n"
                        "        where: \"service = '${SERVICE}'\"\n"
                        "        rename: audit.events\n"
                        "        replicate: true\n");
  REQUIRE(t.size() == 1);
  CHECK(t[0].pattern == NamePattern{"public", "audit_events"});
  CHECK(t[0].where == "service = 'auth'");
  CHECK(t[0].rename == NamePattern{"audit", "events"});
  CHECK(t[0].replicate);
  CHECK(t[0].location.line == 7);
  CHECK(t[0].location.column == 9);
  CHECK(t[0].location.target == "auth");
}

TEST_CASE("with schema, the long form takes name literally", "[config]") {
  const auto t = tables("      - {name: a.b.c, schema: s}\n      - {name: '\"q\"', schema: s.t}\n"
                        "      - {name: '\"x.y\".z'}\n");
  CHECK(t[0].pattern == NamePattern{"s", "a.b.c"});
  CHECK(t[1].pattern == NamePattern{"s.t", "\"q\""});
  CHECK(t[2].pattern == NamePattern{"x.y", "z"}); // without schema: the short-form rules
}

TEST_CASE("rename follows the quoting rules and names one table", "[config]") {
  CHECK(tables("      - {name: t, rename: '\"a.b\".c'}\n")[0].rename == NamePattern{"a.b", "c"});
  CHECK(tables("      - {name: t, rename: events}\n")[0].rename ==
        NamePattern{std::nullopt, "events"});
  CHECK(problems("      - {name: t, rename: 'a_*'}\n      - {name: 'x_*', rename: y}\n"
                 "      - {name: t, rename: a.b.c}\n") ==
        Problems{"7:27: targets.auth.tables[0].rename: a rename names one table, got the glob "
                 "'a_*'",
                 "8:31: targets.auth.tables[1].rename: cannot rename the tables matched by the "
                 "glob 'x_*'",
                 "9:27: targets.auth.tables[2].rename: more than one unquoted dot in 'a.b.c'"});
}

TEST_CASE("the long form reports unknown keys, a missing name and wrong types", "[config]") {
  CHECK(problems("      - {nme: users}\n") ==
        Problems{"7:9: missing required key 'name' in targets.auth.tables[0]",
                 "7:10: unknown key 'nme' in targets.auth.tables[0]; did you mean 'name'?"});
  CHECK(problems("      - {name: t, replicate: sometimes, where: ''}\n") ==
        Problems{"7:30: targets.auth.tables[0].replicate: expected a boolean (true/false), got "
                 "'sometimes'",
                 "7:48: targets.auth.tables[0].where: expected a non-empty value, got an empty "
                 "string"});
  CHECK(problems("      - {name: '', schema: public}\n") ==
        Problems{"7:16: targets.auth.tables[0].name: expected a non-empty value, got an empty "
                 "string"});
  CHECK(problems("      - {name: t, where: a, where: b}\n") ==
        Problems{"7:29: duplicate key 'where' in targets.auth.tables[0] (first at line 7)"});
  CHECK(problems("      - [users]\n") ==
        Problems{"7:9: targets.auth.tables[0]: expected a table name or a mapping with 'name', "
                 "got a list"});
  CHECK(problems("      - users\n      -\n") ==
        Problems{"8:7: targets.auth.tables[1]: expected a table name or a mapping with 'name', "
                 "got nothing (null)"});
}

TEST_CASE("a rename on a glob entry is refused where it is written, with what to do instead",
          "[config]") {
  const auto refused = pgsplit::testing::mapping_diagnostics(
      head + "      - {name: 'auth_*', schema: app, rename: tokens}\n", env);
  REQUIRE(refused.size() == 1);
  CHECK(refused[0].where.file == "m.yaml");
  CHECK(refused[0].where.line == 7);
  CHECK(refused[0].message ==
        "targets.auth.tables[0].rename: cannot rename the tables matched by the glob "
        "'app.auth_*'");
  CHECK(refused[0].hint == "list the table to rename in an entry of its own");
  // The same table named exactly may be renamed.
  CHECK(tables("      - {name: auth_tokens, schema: app, rename: tokens}\n")[0].rename ==
        NamePattern{std::nullopt, "tokens"});
}

TEST_CASE("drop_foreign_keys lists constraint names of the entry", "[config]") {
  const auto t = tables("      - {name: orders, drop_foreign_keys: [orders_customer_fkey, "
                        "\"Odd Key\"]}\n      - users\n");
  REQUIRE(t.size() == 2);
  CHECK(t[0].drop_foreign_keys == std::vector<std::string>{"orders_customer_fkey", "Odd Key"});
  CHECK(t[1].drop_foreign_keys.empty());
  const auto wrong = problems("      - {name: a, drop_foreign_keys: a_fkey}\n"
                              "      - {name: b, drop_foreign_keys: []}\n"
                              "      - {name: c, drop_foreign_keys: [k, k]}\n");
  REQUIRE(wrong.size() == 3);
  CHECK(wrong[0].find("drop_foreign_keys: expected a list of foreign key names") !=
        std::string::npos);
  CHECK(wrong[1].find("drop_foreign_keys: expected at least one foreign key name") !=
        std::string::npos);
  CHECK(wrong[2].find("foreign key 'k' is listed twice") != std::string::npos);
}

TEST_CASE("replica_identity: full opts a table in, any other value is reported", "[config]") {
  const auto t = tables("      - {name: notes, replica_identity: full}\n      - users\n");
  REQUIRE(t.size() == 2);
  CHECK(t[0].replica_identity_full);
  CHECK_FALSE(t[1].replica_identity_full);
  CHECK(problems("      - {name: notes, replica_identity: nothing}\n") ==
        Problems{"7:41: targets.auth.tables[0]: replica_identity: expected full, got 'nothing'"});
}
