#include "support/problems.hpp"

#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/core/error.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::config;
using pgsplit::core::ConfigError;

namespace {

const std::filesystem::path data_dir = std::filesystem::path(PGSPLIT_TEST_DATA_DIR) / "config";

const Environment env = fixed_environment({{"MONOLITH_URL", "postgresql://u:pw@mono/app"},
                                           {"AUTH_DB_URL", "host=auth dbname=auth password=pw"}});

const std::string minimal = "source:\n"
                            "  url: postgresql://h/mono\n"
                            "targets:\n"
                            "  auth:\n"
                            "    url: postgresql://h/auth\n"
                            "    tables: [users]\n";

// "line:col: message" of every problem of the text, in the order reported.
std::vector<std::string> problems(std::string_view yaml) {
  const auto diagnostics = pgsplit::testing::mapping_diagnostics(yaml, env);
  for (const auto& d : diagnostics) {
    CHECK(d.where.file == "m.yaml");
  }
  return pgsplit::testing::located(diagnostics);
}

using Problems = std::vector<std::string>;

} // namespace

TEST_CASE("load_mapping reads a file using every key into the expected structs", "[config]") {
  const Mapping m = load_mapping(data_dir / "full.yaml", env);
  CHECK(m.file == data_dir / "full.yaml");
  CHECK(m.source.url == "postgresql://u:pw@mono/app");
  CHECK(m.source.schemas == std::vector<std::string>{"public", "billing"});
  CHECK(m.source.location.line == 2);
  REQUIRE(m.exclude.size() == 2);
  CHECK(m.exclude[0].pattern == NamePattern{"public", "tmp_*"});
  CHECK(m.exclude[1].pattern == NamePattern{std::nullopt, "legacy_audit"});
  CHECK(m.exclude[1].location.line == 8);
  CHECK(m.exclude[1].location.column == 5);

  REQUIRE(m.targets.size() == 2);
  const Target& auth = m.targets[0];
  CHECK(auth.name == "auth");
  CHECK(auth.url == "host=auth dbname=auth password=pw");
  CHECK(auth.create_database);
  CHECK(auth.location.line == 11);
  CHECK(auth.location.target == "auth");
  REQUIRE(auth.tables.size() == 4);
  CHECK(auth.tables[0].pattern == NamePattern{std::nullopt, "users"});
  CHECK(auth.tables[0].location.line == 15);
  CHECK(auth.tables[0].location.column == 9);
  CHECK(auth.tables[0].location.target == "auth");
  CHECK(auth.tables[0].location.table == "users");
  CHECK(auth.tables[1].pattern.has_glob());
  CHECK(auth.tables[2].pattern == NamePattern{"a.b", "c"});
  const TableEntry& audit = auth.tables[3];
  CHECK(audit.pattern == NamePattern{"public", "audit_events"});
  CHECK(audit.where == "service = 'auth'");
  CHECK(audit.rename == NamePattern{"audit", "events"});
  CHECK(audit.replicate);
  CHECK(audit.location.line == 18);
  REQUIRE(auth.stamps.size() == 2);
  CHECK(auth.stamps[0].tool == StampTool::alembic);
  CHECK(auth.stamps[0].directory == data_dir / "services/auth/alembic/versions");
  CHECK(auth.stamps[0].all_heads);
  CHECK(auth.stamps[1].tool == StampTool::sql);
  CHECK(auth.stamps[1].location.target == "auth");

  const Target& company = m.targets[1];
  CHECK(company.url == "postgresql://app@localhost:5432/company");
  CHECK_FALSE(company.create_database);
  CHECK(company.tables[0].pattern == NamePattern{"billing", "invoices"});
  REQUIRE(company.stamps.size() == 3);
  CHECK(company.stamps[0].directory == data_dir / "services/company/db/migration");
  CHECK(company.stamps[1].table == "schema_migrations");
  CHECK(company.stamps[1].version == "42");
  CHECK(company.stamps[2].directory == "/srv/document/prisma/migrations");

  CHECK(m.options.jobs == 8);
  CHECK(m.options.schema == SchemaMode::existing);
  CHECK(m.options.if_target_not_empty == IfTargetNotEmpty::truncate);
  CHECK(m.options.cross_target_foreign_keys == CrossTargetForeignKeys::fail);
  CHECK(m.options.location.line == 36);
}

TEST_CASE("parse_mapping fills in the defaults of optional sections", "[config]") {
  const Mapping m = parse_mapping(minimal, "conf/pgsplit.yaml", env);
  CHECK(m.file == "conf/pgsplit.yaml");
  CHECK(m.source.schemas.empty());
  CHECK(m.exclude.empty());
  REQUIRE(m.targets.size() == 1);
  CHECK_FALSE(m.targets[0].create_database);
  CHECK(m.targets[0].stamps.empty());
  CHECK(m.options.jobs == 4);
  CHECK(m.options.schema == SchemaMode::create);
  CHECK(m.options.if_target_not_empty == IfTargetNotEmpty::fail);
  CHECK(m.options.cross_target_foreign_keys == CrossTargetForeignKeys::drop);
  CHECK(m.options.location.file == "conf/pgsplit.yaml");
}

TEST_CASE("parse_mapping keeps targets in file order", "[config]") {
  const Mapping m =
      parse_mapping(minimal + "  zeta:\n    url: postgresql://h/z\n    tables: [z]\n"
                              "  alpha:\n    url: postgresql://h/a\n    tables: [a]\n",
                    "m.yaml", env);
  REQUIRE(m.targets.size() == 3);
  CHECK(m.targets[1].name == "zeta");
  CHECK(m.targets[2].name == "alpha");
}

TEST_CASE("parse_mapping expands variables in values, not in keys", "[config]") {
  const Environment vars = fixed_environment({{"U", "postgresql://h/x"}, {"T", "users"}});
  const Mapping m = parse_mapping("source: {url: \"${U}\"}\n"
                                  "targets:\n  t-1: {url: \"${U}\", tables: [\"${T}\", \"$$x\"]}\n",
                                  "m.yaml", vars);
  CHECK(m.source.url == "postgresql://h/x");
  CHECK(m.targets[0].tables[0].pattern.name == "users");
  CHECK(m.targets[0].tables[1].pattern.name == "$x");
  CHECK(problems("source: {url: postgresql://h/x}\n"
                 "targets:\n  ${T}: {url: postgresql://h/y, tables: [a]}\n") ==
        Problems{"3:3: invalid target name '${T}'"});
}

TEST_CASE("parse_mapping names an unset variable with its position", "[config]") {
  CHECK(problems("source:\n  url: postgresql://app:${DB_PASSWORD}@h/x\n"
                 "targets: {a: {url: host=h, tables: [t]}}\n") ==
        Problems{"2:8: source.url: environment variable DB_PASSWORD is not set"});
}

TEST_CASE("parse_mapping reports an empty or non-mapping document", "[config]") {
  CHECK(problems("") == Problems{"0:0: the mapping file is empty"});
  CHECK(problems("- a\n- b\n") ==
        Problems{"1:1: the top level: expected a mapping with source and targets, got a list"});
}

TEST_CASE("parse_mapping reports malformed YAML with the parser's position", "[config]") {
  CHECK(problems(minimal + "options: {jobs: 4\n") ==
        Problems{"8:1: invalid YAML: end of map flow not found"});
}

TEST_CASE("parse_mapping reports unknown and missing top-level keys", "[config]") {
  CHECK(problems("sources:\n  url: host=h\ntarget: {}\n") ==
        Problems{"1:1: unknown key 'sources' at the top level; did you mean 'source'?",
                 "1:1: missing required key 'source' at the top level",
                 "1:1: missing required key 'targets' at the top level",
                 "3:1: unknown key 'target' at the top level; did you mean 'targets'?"});
}

TEST_CASE("parse_mapping checks the source section", "[config]") {
  CHECK(problems(
            "source:\n  schemas: public\n  uri: x\ntargets: {a: {url: host=h, tables: [t]}}\n") ==
        Problems{"1:1: missing required key 'url' in source",
                 "2:12: source.schemas: expected a list of schema names, got a string",
                 "3:3: unknown key 'uri' in source; did you mean 'url'?"});
  CHECK(
      problems("source: {url: host=h, schemas: []}\ntargets: {a: {url: host=h, tables: [t]}}\n") ==
      Problems{"1:32: source.schemas: expected at least one schema"});
  CHECK(problems("source: {url: host=h, schemas: [a, b, a]}\n"
                 "targets: {a: {url: host=h, tables: [t]}}\n") ==
        Problems{"1:39: source.schemas: schema 'a' is listed twice"});
  CHECK(problems("source: postgresql://h/x\ntargets: {a: {url: host=h, tables: [t]}}\n") ==
        Problems{"1:9: source: expected a mapping with url (and schemas), got a string"});
}

TEST_CASE("parse_mapping checks the exclude list", "[config]") {
  CHECK(problems(minimal + "exclude:\n  - a.b.c\n  - ''\n  - [x]\n") ==
        Problems{"8:5: exclude[0]: more than one unquoted dot in 'a.b.c'",
                 "9:5: exclude[1]: empty table name",
                 "10:5: exclude[2]: expected a string, got a list"});
  CHECK(problems(minimal + "exclude: tmp_*\n") ==
        Problems{"7:10: exclude: expected a list of table names, got a string"});
}

TEST_CASE("parse_mapping reports every problem of the file at once, in file order", "[config]") {
  const std::string yaml = "source:\n"
                           "  url: postgresql://h/mono\n"
                           "targets:\n"
                           "  auth:\n"
                           "    url: ${AUTH_DB_URL}\n"
                           "    create_database: yes please\n"
                           "    tabels: [users]\n"
                           "  auth:\n"
                           "    url: postgresql://h/auth2\n"
                           "    tables: [a.b.c]\n"
                           "options:\n"
                           "  jobs: 0\n"
                           "  schema: crate\n";
  CHECK(problems(yaml) ==
        Problems{"4:3: missing required key 'tables' in targets.auth",
                 "6:22: targets.auth.create_database: expected a boolean (true/false), got "
                 "'yes please'",
                 "7:5: unknown key 'tabels' in targets.auth; did you mean 'tables'?",
                 "8:3: duplicate target 'auth' in targets (first at line 4)",
                 "10:14: targets.auth.tables[0]: more than one unquoted dot in 'a.b.c'",
                 "12:9: options.jobs: expected an integer >= 1, got 0",
                 "13:11: options.schema: expected one of create, existing, got 'crate'; did you "
                 "mean 'create'?"});
}

TEST_CASE("parse_mapping never puts a URL in a message", "[config]") {
  const ConfigError e = pgsplit::testing::mapping_error(
      "source:\n  url: mysql://root:hunter2@h/x\n"
      "targets: {a: {url: [postgresql://u:hunter2@h/y], tables: [t]}}\n",
      env);
  CHECK(e.diagnostics().size() == 2);
  CHECK(std::string(e.what()).find("hunter2") == std::string::npos);
  CHECK(std::string(e.what()).find("source.url") != std::string::npos);
  CHECK(std::string(e.what()).find("targets.a.url") != std::string::npos);
}

// Found by fuzzing (tests/fuzz/corpus/bad-secret-in-messages.yaml): a variable put in the
// wrong place had its value, a password, quoted back in the message about that place.
TEST_CASE("parse_mapping never shows the value of a variable in a message", "[config]") {
  const Environment secret = fixed_environment({{"URL", "postgresql://u:hunter2@db.example.com/x"},
                                                {"PW", "hunter2"},
                                                {"DOTTED", "a.hunter2.b"}});
  const std::string yaml = "source: {url: host=h, schemas: [hunter, \"${PW}\", \"${PW}\"]}\n"
                           "exclude: [\"${DOTTED}\"]\n"
                           "targets:\n"
                           "  t:\n"
                           "    url: host=h\n"
                           "    create_database: ${PW}\n"
                           "    tables:\n"
                           "      - \"${URL}\"\n"
                           "      - {name: \"${PW}*\", rename: x}\n"
                           "      - {name: t, rename: \"${PW}?\"}\n"
                           "    stamp:\n"
                           "      - alembic: {version: head, heads: \"${PW}\"}\n"
                           "      - golang_migrate: {version: \"${PW}\"}\n"
                           "options: {jobs: \"${PW}\", schema: \"${PW}\"}\n";
  {
    const ConfigError e = pgsplit::testing::mapping_error(yaml, secret);
    CHECK(std::string(e.what()).find("hunter2") == std::string::npos);
    std::vector<std::string> messages;
    for (const auto& d : e.diagnostics()) {
      messages.push_back(d.message);
    }
    CHECK(messages ==
          Problems{
              "source.schemas: schema '${PW}' is listed twice",
              "exclude[0]: more than one unquoted dot in '${DOTTED}'",
              "targets.t.create_database: expected a boolean (true/false), got '${PW}'",
              "targets.t.tables[0]: more than one unquoted dot in '${URL}'",
              "targets.t.tables[1].rename: cannot rename the tables matched by the glob '${PW}*'",
              "targets.t.tables[2].rename: a rename names one table, got the glob '${PW}?'",
              "targets.t.stamp[0].alembic.version: 'head' needs versions_dir",
              "targets.t.stamp[0].alembic.heads: expected 'all', got '${PW}'",
              "targets.t.stamp[1].golang_migrate.version: expected 'latest' or an integer, got "
              "'${PW}'",
              "options.jobs: expected an integer, got '${PW}'",
              "options.schema: expected one of create, existing, got '${PW}'"});
  }
}

// Found by fuzzing (tests/fuzz/corpus/bad-alias-problem-flood.yaml): 900 aliases of a target
// with 900 bad tables, 8 KiB, made 810,000 problems, 86 MB of message and 700 MB of memory.
TEST_CASE("parse_mapping shows the first 100 problems and counts the rest", "[config]") {
  std::string yaml = "t: &t {url: host=h, tables: [~";
  for (int i = 1; i < 30; ++i) {
    yaml += ", ~";
  }
  yaml += "]}\nsource: {url: host=h}\ntargets: {a: *t, b: *t, c: *t, d: *t, e: *t}\n";
  const Problems found = problems(yaml);
  REQUIRE(found.size() == 101);
  CHECK(found[0] == "1:1: unknown key 't' at the top level");
  // Aliased nodes keep the anchor's positions: the first 100 reported (t, a, b, c and the first
  // 9 items of d) are sorted by the column of the item.
  CHECK(found[1] == "1:30: targets.a.tables[0]: expected a table name or a mapping with 'name', "
                    "got nothing (null)");
  CHECK(found[4] == "1:30: targets.d.tables[0]: expected a table name or a mapping with 'name', "
                    "got nothing (null)");
  CHECK(found[99] == "1:117: targets.c.tables[29]: expected a table name or a mapping with "
                     "'name', got nothing (null)");
  CHECK(found[100] == "0:0: 51 more problems not shown");
}

TEST_CASE("load_mapping reports file problems with the path", "[config]") {
  CHECK_THROWS_WITH(load_mapping(data_dir / "no-such.yaml", env),
                    (data_dir / "no-such.yaml").string() +
                        ": no such file\n  hint: pass the mapping file with -c FILE, or create "
                        "./pgsplit.yaml");
  CHECK_THROWS_WITH(load_mapping(data_dir, env),
                    Catch::Contains("is a directory, not a mapping file"));
}

TEST_CASE("source.replication_url is read, and defaults to empty (source.url then)", "[config]") {
  CHECK(parse_mapping(minimal, "m.yaml", env).source.replication_url.empty());
  const auto with = parse_mapping("source:\n  url: postgresql://h/mono\n"
                                  "  replication_url: postgresql://10.0.0.5/mono\n"
                                  "targets:\n  auth:\n    url: postgresql://h/auth\n"
                                  "    tables: [users]\n",
                                  "m.yaml", env);
  CHECK(with.source.replication_url == "postgresql://10.0.0.5/mono");
}
