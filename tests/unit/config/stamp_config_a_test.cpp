#include "support/problems.hpp"

#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/core/error.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::config;

namespace {

const Environment env = fixed_environment({});

// Lines 1-7; the test's stamp entries start on line 8, indented by 6.
const std::string head = "source:\n  url: postgresql://h/mono\ntargets:\n  auth:\n"
                         "    url: postgresql://h/auth\n    tables: [users]\n    stamp:\n";

StampEntry stamp(const std::string& entry) {
  auto all = parse_mapping(head + "      - " + entry + "\n", "/srv/app/pgsplit.yaml", env)
                 .targets.at(0)
                 .stamps;
  REQUIRE(all.size() == 1);
  return all.front();
}

std::vector<std::string> problems(const std::string& entries) {
  return pgsplit::testing::mapping_problems(head + entries, env);
}

using Problems = std::vector<std::string>;

} // namespace

TEST_CASE("rails entries: defaults, environment, metadata table", "[config]") {
  const StampEntry s = stamp("rails: {version: head, migrations_dir: db/migrate}");
  CHECK(s.tool == StampTool::rails);
  CHECK(s.table == "schema_migrations");
  CHECK(s.version == "latest"); // head and latest mean the same
  CHECK(s.directory == "/srv/app/db/migrate");
  CHECK(s.settings_a.environment == "production");
  CHECK(s.settings_a.metadata_table == "ar_internal_metadata");
  const StampEntry custom = stamp("rails: {version: '20240101000000', migrations_dir: m, "
                                  "environment: staging, table: sm, metadata_table: meta}");
  CHECK(custom.version == "20240101000000");
  CHECK(custom.table == "sm");
  CHECK(custom.settings_a.environment == "staging");
  CHECK(custom.settings_a.metadata_table == "meta");
  CHECK(
      problems("      - rails: {version: v2, migrations_dir: m}\n      - rails: {version: 1}\n") ==
      Problems{"8:26: targets.auth.stamp[0].rails.version: expected 'latest' or an integer, "
               "got 'v2'",
               "9:9: missing required key 'migrations_dir' in targets.auth.stamp[1].rails"});
}

TEST_CASE("django entries list apps, each with a folder and a version", "[config]") {
  const StampEntry s = stamp("django: {apps: {shop: shop/migrations, billing: {migrations_dir: "
                             "/abs/billing, version: 0002_x}}, schema: app}");
  CHECK(s.tool == StampTool::django);
  CHECK(s.table == "django_migrations");
  CHECK(s.schema == "app");
  REQUIRE(s.settings_a.apps.size() == 2);
  CHECK(s.settings_a.apps[0].name == "shop");
  CHECK(s.settings_a.apps[0].directory == "/srv/app/shop/migrations");
  CHECK(s.settings_a.apps[0].version == "latest");
  CHECK(s.settings_a.apps[0].location.line == 8);
  CHECK(s.settings_a.apps[1].directory == "/abs/billing");
  CHECK(s.settings_a.apps[1].version == "0002_x");
  CHECK(problems("      - django: {version: 0001_x, apps: {a: {version: x}}}\n"
                 "      - django: {apps: {}}\n"
                 "      - django: {table: t, apps: {a: m}}\n") ==
        Problems{"8:27: targets.auth.stamp[0].django.version: expected 'latest', got '0001_x'",
                 "8:42: missing required key 'migrations_dir' in "
                 "targets.auth.stamp[0].django.apps.a",
                 "9:24: targets.auth.stamp[1].django.apps: no app listed",
                 "10:18: unknown key 'table' in targets.auth.stamp[2].django"});
}

TEST_CASE("yoyo entries: the migration table is configurable", "[config]") {
  const StampEntry s = stamp("yoyo: {version: latest, migrations_dir: migrations}");
  CHECK(s.tool == StampTool::yoyo);
  CHECK(s.table == "_yoyo_migration");
  CHECK(stamp("yoyo: {version: latest, migrations_dir: m, table: notes_yoyo}").table ==
        "notes_yoyo");
}

TEST_CASE("files entries: table, pattern and the source of each column", "[config]") {
  const StampEntry s =
      stamp("files: {table: schema_migrations, version: latest, migrations_dir: sql, "
            "pattern: '(?<version>[0-9]+)_(?<name>.+)\\.sql', create: 'CREATE TABLE x (v text)', "
            "columns: {version: version, name: name, script: file, checksum: sha256, "
            "md5: md5, applied_at: now(), status: {constant: success}}}");
  CHECK(s.tool == StampTool::files);
  CHECK(s.table == "schema_migrations");
  CHECK(s.settings_a.pattern == "(?<version>[0-9]+)_(?<name>.+)\\.sql");
  CHECK(s.settings_a.create == "CREATE TABLE x (v text)");
  using Source = FileColumn::Source;
  REQUIRE(s.settings_a.columns.size() == 7);
  CHECK(s.settings_a.columns[3].source == Source::sha256);
  CHECK(s.settings_a.columns[5].source == Source::now);
  CHECK(s.settings_a.columns[6].source == Source::constant);
  CHECK(s.settings_a.columns[6].constant == "success");
  CHECK(problems("      - files: {version: latest, migrations_dir: m, pattern: p, columns: {v: "
                 "checksum}}\n") ==
        Problems{"8:9: missing required key 'table' in targets.auth.stamp[0].files",
                 "8:78: targets.auth.stamp[0].files.columns.v: unknown value source 'checksum'"});
}

TEST_CASE("a sqitch entry is refused: Sqitch writes its own registry", "[config]") {
  CHECK(problems("      - sqitch: {plan_file: sqitch.plan}\n") ==
        Problems{"8:9: targets.auth.stamp[0].sqitch: pgsplit does not write Sqitch's registry"});
  const auto diagnostics = pgsplit::testing::mapping_diagnostics(
      head + "      - sqitch: {plan_file: sqitch.plan}\n", env);
  CHECK_THAT(diagnostics.at(0).hint, Catch::Contains("sqitch deploy --log-only"));
}
