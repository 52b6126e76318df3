#include "support/catalog_builder.hpp"

#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/plan/init_mapping.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>

using namespace pgsplit;
using namespace pgsplit::plan;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// Tables take the OIDs 1, 2, 3… in the order they are added.
catalog::Table& table(testing::CatalogBuilder& builder, std::string schema, std::string name,
                      std::int64_t bytes) {
  catalog::Table& t = builder.bare_table(schema, name);
  t.size_bytes = bytes;
  return t;
}

void add_foreign_key(testing::CatalogBuilder& builder, catalog::Oid child, catalog::Oid parent) {
  auto& table = const_cast<catalog::Table&>(*builder.catalog().find_table(child));
  builder.add_foreign_key(table, table.name.name + "_fkey", {"parent_id"}, parent, {"id"});
}

testing::CatalogBuilder builder_named(const std::string& database) {
  testing::CatalogBuilder builder;
  builder.database(database).next_oid(1);
  return builder;
}

// Components of the foreign-key graph:
//   events: public.orders ← public.invoices, public.events (partitioned; a partition → orders)
//   users:  public.users ← public.sessions, public.profiles
//   a_tie:  public.a_tie ↔ public.b_tie (same size: the name decides)
// and, linked to nothing and sharing no name prefix with a table of their schema, in
// `unassigned`: billing.users, "my.schema"."we"ird$name", public.2024_data; two version tables,
// left out.
catalog::Catalog make_catalog() {
  auto b = builder_named("app");
  table(b, "public", "users", 1000);
  table(b, "public", "sessions", 50);
  table(b, "public", "profiles", 200);
  table(b, "public", "orders", 5000);
  table(b, "public", "invoices", 100);
  table(b, "public", "events", 0).kind = catalog::TableKind::partitioned_table;
  table(b, "public", "events_2024", 3000).partition_parent = 6;
  table(b, "public", "events_2025", 4000).partition_parent = 6;
  table(b, "billing", "users", 10);
  table(b, "public", "alembic_version", 8192);
  table(b, "public", "flyway_schema_history", 8192);
  table(b, "my.schema", "we\"ird$name", 5);
  table(b, "public", "2024_data", 1);
  table(b, "public", "b_tie", 100);
  table(b, "public", "a_tie", 100);
  // Keys after the tables, so that the tables keep their OIDs.
  add_foreign_key(b, 2, 1);
  add_foreign_key(b, 3, 1);
  add_foreign_key(b, 5, 4);
  add_foreign_key(b, 7, 4);
  add_foreign_key(b, 14, 15);
  b.schema("billing");
  b.schema("my.schema");
  return b.catalog();
}

const config::Environment any_url = [](const std::string&) {
  return std::optional<std::string>("postgresql://h/db");
};

std::vector<std::string> target_names(const config::Mapping& mapping) {
  std::vector<std::string> names;
  for (const config::Target& target : mapping.targets) {
    names.push_back(target.name);
  }
  return names;
}

std::vector<std::string> tables_of(const config::Target& target) {
  std::vector<std::string> tables;
  for (const config::TableEntry& entry : target.tables) {
    tables.push_back(entry.pattern.to_string());
  }
  return tables;
}

using Names = std::vector<std::string>;

} // namespace

TEST_CASE("init_mapping groups tables by foreign keys, named after the largest", "[plan]") {
  const std::string yaml = init_mapping(make_catalog());
  const config::Mapping mapping = config::parse_mapping(yaml, "pgsplit.yaml", any_url);
  // Largest group first; billing.users clashes with the users group and gets a suffix.
  CHECK(target_names(mapping) == Names{"events", "users", "a_tie", "unassigned"});
  CHECK(tables_of(mapping.targets[0]) ==
        Names{"public.events", "public.invoices", "public.orders"});
  CHECK(tables_of(mapping.targets[1]) ==
        Names{"public.profiles", "public.sessions", "public.users"});
  CHECK(tables_of(mapping.targets[2]) == Names{"public.a_tie", "public.b_tie"});
  CHECK(tables_of(mapping.targets[3]) ==
        Names{"billing.users", "\"my.schema\".\"we\"\"ird$name\"", "public.2024_data"});
  CHECK(mapping.targets[0].url == "postgresql://h/db");
  CHECK(mapping.exclude.empty());
}

TEST_CASE("init_mapping writes one URL variable per target", "[plan]") {
  const std::string yaml = init_mapping(make_catalog());
  CHECK_THAT(yaml, Contains("\nsource:\n  url: ${MONOLITH_URL}\n"));
  CHECK_THAT(yaml, Contains("\n  events:\n    url: ${EVENTS_URL}\n    tables:\n"
                            "      - public.events\n      - public.invoices\n"
                            "      - public.orders\n"));
  CHECK_THAT(yaml, Contains("\n  unassigned:\n    url: ${UNASSIGNED_URL}\n"));
  CHECK_THAT(init_mapping(make_catalog(), InitOptions{"SOURCE_DB"}),
             Contains("\nsource:\n  url: ${SOURCE_DB}\n"));
}

TEST_CASE("init_mapping leaves partitions to their parent", "[plan]") {
  const std::string yaml = init_mapping(make_catalog());
  CHECK(yaml.find("events_2024") == std::string::npos);
  CHECK(yaml.find("events_2025") == std::string::npos);
  // The partitions' sizes count for their root: events (7000 B) is the largest table.
  CHECK_THAT(yaml, Contains("\n  # 3 tables (+ 2 partitions or children), ~0 rows, 11.8 kB; "
                            "largest: public.events\n  events:\n"));
  CHECK_THAT(yaml, Contains("\n  # 3 tables, ~0 rows, 16 B; largest: billing.users\n"));
}

TEST_CASE("init_mapping leaves out migration version tables and says so", "[plan]") {
  const std::string yaml = init_mapping(make_catalog());
  const config::Mapping mapping = config::parse_mapping(yaml, "pgsplit.yaml", any_url);
  for (const config::Target& target : mapping.targets) {
    for (const std::string& name : tables_of(target)) {
      CHECK(name.find("alembic_version") == std::string::npos);
      CHECK(name.find("flyway_schema_history") == std::string::npos);
    }
  }
  CHECK_THAT(yaml, Contains("#   public.alembic_version (alembic)\n"
                            "#   public.flyway_schema_history (flyway)\n"));
}

TEST_CASE("init_mapping quotes names that need it, so that they read back", "[plan]") {
  const std::string yaml = init_mapping(make_catalog());
  // Short form quoting for the dot and the quote, YAML quoting around it, $ doubled.
  CHECK_THAT(yaml, Contains("      - '\"my.schema\".\"we\"\"ird$$name\"'\n"));
  const config::Mapping mapping = config::parse_mapping(yaml, "pgsplit.yaml", any_url);
  const config::Target& unassigned = mapping.targets[3];
  REQUIRE(unassigned.tables.size() == 3);
  CHECK(unassigned.tables[1].pattern == config::NamePattern{"my.schema", "we\"ird$name"});
}

TEST_CASE("init_mapping reads back names YAML would misread", "[plan]") {
  // Pairs sharing a name prefix, so that each pair makes a target named after its prefix.
  auto b = builder_named("db");
  table(b, "public", "yes", 30);
  table(b, "public", "yes_please", 30);
  table(b, "public", "Ünï Cödé", 20);
  table(b, "public", "Ünï Cödé_2", 20);
  table(b, "x", "line\nbreak", 10);
  table(b, "x", "line\nbreak_2", 10);
  table(b, "public", "tmp_*", 5);
  table(b, "public", "tmp_x", 5);
  table(b, "public", "it's", 1);
  table(b, "public", "it's_2", 1);
  const std::string yaml = init_mapping(b.catalog());
  CHECK_THAT(yaml, Contains("\n  'yes':\n    url: ${YES_URL}\n"));
  CHECK_THAT(yaml, Contains("      - public.yes\n"));
  CHECK_THAT(yaml, Contains("      - \"x.line\\x0abreak\"\n"));
  CHECK_THAT(yaml, Contains("      - 'public.tmp_*'  # the name holds * or ?"));
  const config::Mapping mapping = config::parse_mapping(yaml, "pgsplit.yaml", any_url);
  CHECK(target_names(mapping) == Names{"yes", "n_c_d", "line_break", "tmp", "it_s"});
  CHECK(mapping.targets[1].tables[0].pattern == config::NamePattern{"public", "Ünï Cödé"});
  CHECK(mapping.targets[2].tables[0].pattern == config::NamePattern{"x", "line\nbreak"});
  CHECK(mapping.targets[4].tables[0].pattern == config::NamePattern{"public", "it's"});
}

TEST_CASE("init_mapping groups loose tables by name prefix, the rest in unassigned", "[plan]") {
  auto b = builder_named("app");
  table(b, "public", "users", 100);
  table(b, "public", "users_sessions", 50);
  table(b, "public", "users_archive", 500); // no key: joins users
  table(b, "public", "billing_invoices", 40);
  table(b, "public", "billing_payments", 30);
  table(b, "public", "billing", 10);
  table(b, "public", "2024_data", 5);
  table(b, "public", "2024_logs", 5);
  table(b, "public", "settings", 3);
  table(b, "public", "flags", 2);
  table(b, "other", "users_extra", 1); // another schema: not with users
  add_foreign_key(b, 2, 1);
  b.schema("other");
  const auto c = b.catalog();
  const std::string yaml = init_mapping(c);
  const config::Mapping mapping = config::parse_mapping(yaml, "pgsplit.yaml", any_url);
  // The foreign-key group is named after its largest table, now users_archive.
  CHECK(target_names(mapping) == Names{"users_archive", "billing", "t_2024", "unassigned"});
  CHECK(tables_of(mapping.targets[0]) ==
        Names{"public.users", "public.users_archive", "public.users_sessions"});
  CHECK(tables_of(mapping.targets[1]) ==
        Names{"public.billing", "public.billing_invoices", "public.billing_payments"});
  CHECK(tables_of(mapping.targets[3]) ==
        Names{"other.users_extra", "public.flags", "public.settings"});
  CHECK_THAT(yaml, Contains("      - public.users_archive  # no foreign key: its name starts like "
                            "its neighbours' (users_)\n"));
  CHECK_THAT(yaml, Contains("  # no foreign key links these tables: grouped by their name "
                            "prefix billing_\n  billing:\n"));
  CHECK_THAT(yaml, Contains("  # TO DO: tables without foreign keys") &&
                       Contains("\n  unassigned:\n    url: ${UNASSIGNED_URL}\n"));
  CHECK_THAT(yaml, Contains("the others are in the target\n# `unassigned` (when more than one)"));
}

TEST_CASE("init_mapping on many unrelated tables writes few targets", "[plan]") {
  auto b = builder_named("gitlab_like");
  for (const char* prefix : {"ci", "merge", "project", "issue", "user"}) {
    for (int i = 0; i < 15; ++i) {
      table(b, "public", fmt::format("{}_t{}", prefix, i), 100);
    }
  }
  table(b, "public", "loner", 100);
  const auto c = b.catalog();
  const config::Mapping mapping = config::parse_mapping(init_mapping(c), "pgsplit.yaml", any_url);
  // The one table left over keeps a target of its own (the smallest: last).
  CHECK(target_names(mapping) == Names{"ci", "issue", "merge", "project", "user", "loner"});
  CHECK(mapping.targets[0].tables.size() == 15);
  CHECK(tables_of(mapping.targets[5]) == Names{"public.loner"});
}

TEST_CASE("init_mapping shows row estimates", "[plan]") {
  auto b = builder_named("app");
  table(b, "public", "users", 81920).estimated_rows = 1200;
  table(b, "public", "users_logins", 8192).estimated_rows = 34;
  const auto c = b.catalog();
  CHECK_THAT(init_mapping(c),
             Contains("  # 2 tables, ~1,234 rows, 88.0 kB; largest: public.users\n"));
}

TEST_CASE("init_mapping is deterministic and explains itself", "[plan]") {
  catalog::Catalog shuffled = make_catalog();
  std::reverse(shuffled.tables.begin(), shuffled.tables.end());
  const std::string yaml = init_mapping(make_catalog());
  CHECK(init_mapping(shuffled) == yaml);
  CHECK_THAT(yaml, StartsWith("# pgsplit mapping for the database app, written by "
                              "`pgsplit init`.\n"));
  CHECK_THAT(yaml, Contains("# Partitions and inheritance children are not listed"));
  CHECK_THAT(yaml, Contains("  # schemas: [public, billing, my.schema]"));
}

TEST_CASE("init_mapping refuses a catalog without tables to place", "[plan]") {
  auto b = builder_named("empty");
  CHECK_THROWS_AS(init_mapping(b.catalog()), core::Error);
  table(b, "public", "schema_migrations", 10);
  CHECK_THROWS_WITH(init_mapping(b.catalog()), Contains("has no tables to split"));
}
