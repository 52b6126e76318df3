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

catalog::Table table(catalog::Oid oid, std::string schema, std::string name, std::int64_t bytes) {
  catalog::Table t;
  t.oid = oid;
  t.name = {std::move(schema), std::move(name)};
  t.size_bytes = bytes;
  return t;
}

void add_foreign_key(catalog::Table& child, catalog::Oid parent) {
  catalog::Constraint c;
  c.oid = child.oid * 10 + static_cast<catalog::Oid>(child.constraints.size());
  c.name = child.name.name + "_fkey";
  c.kind = catalog::ConstraintKind::foreign_key;
  c.columns = {"parent_id"};
  c.referenced_table = parent;
  c.referenced_columns = {"id"};
  child.constraints.push_back(std::move(c));
}

// Components of the foreign-key graph:
//   events: public.orders ← public.invoices, public.events (partitioned; a partition → orders)
//   users:  public.users ← public.sessions, public.profiles
//   a_tie:  public.a_tie ↔ public.b_tie (same size: the name decides)
// and, linked to nothing and sharing no name prefix with a table of their schema, in
// `unassigned`: billing.users, "my.schema"."we"ird$name", public.2024_data; two version tables,
// left out.
catalog::Catalog make_catalog() {
  catalog::Catalog c;
  c.database = "app";
  c.schemas = {{1, "public", {}}, {2, "billing", {}}, {3, "my.schema", {}}};
  c.tables.push_back(table(1, "public", "users", 1000));
  c.tables.push_back(table(2, "public", "sessions", 50));
  add_foreign_key(c.tables.back(), 1);
  c.tables.push_back(table(3, "public", "profiles", 200));
  add_foreign_key(c.tables.back(), 1);
  c.tables.push_back(table(4, "public", "orders", 5000));
  c.tables.push_back(table(5, "public", "invoices", 100));
  add_foreign_key(c.tables.back(), 4);
  c.tables.push_back(table(6, "public", "events", 0));
  c.tables.back().kind = catalog::TableKind::partitioned_table;
  c.tables.push_back(table(7, "public", "events_2024", 3000));
  c.tables.back().partition_parent = 6;
  add_foreign_key(c.tables.back(), 4);
  c.tables.push_back(table(8, "public", "events_2025", 4000));
  c.tables.back().partition_parent = 6;
  c.tables.push_back(table(9, "billing", "users", 10));
  c.tables.push_back(table(10, "public", "alembic_version", 8192));
  c.tables.push_back(table(11, "public", "flyway_schema_history", 8192));
  c.tables.push_back(table(12, "my.schema", "we\"ird$name", 5));
  c.tables.push_back(table(13, "public", "2024_data", 1));
  c.tables.push_back(table(14, "public", "b_tie", 100));
  add_foreign_key(c.tables.back(), 15);
  c.tables.push_back(table(15, "public", "a_tie", 100));
  return c;
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
  catalog::Catalog c;
  c.database = "db";
  c.tables.push_back(table(1, "public", "yes", 30));
  c.tables.push_back(table(2, "public", "yes_please", 30));
  c.tables.push_back(table(3, "public", "Ünï Cödé", 20));
  c.tables.push_back(table(4, "public", "Ünï Cödé_2", 20));
  c.tables.push_back(table(5, "x", "line\nbreak", 10));
  c.tables.push_back(table(6, "x", "line\nbreak_2", 10));
  c.tables.push_back(table(7, "public", "tmp_*", 5));
  c.tables.push_back(table(8, "public", "tmp_x", 5));
  c.tables.push_back(table(9, "public", "it's", 1));
  c.tables.push_back(table(10, "public", "it's_2", 1));
  const std::string yaml = init_mapping(c);
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
  catalog::Catalog c;
  c.database = "app";
  c.tables.push_back(table(1, "public", "users", 100));
  c.tables.push_back(table(2, "public", "users_sessions", 50));
  add_foreign_key(c.tables.back(), 1);
  c.tables.push_back(table(3, "public", "users_archive", 500)); // no key: joins users
  c.tables.push_back(table(4, "public", "billing_invoices", 40));
  c.tables.push_back(table(5, "public", "billing_payments", 30));
  c.tables.push_back(table(6, "public", "billing", 10));
  c.tables.push_back(table(7, "public", "2024_data", 5));
  c.tables.push_back(table(8, "public", "2024_logs", 5));
  c.tables.push_back(table(9, "public", "settings", 3));
  c.tables.push_back(table(10, "public", "flags", 2));
  c.tables.push_back(table(11, "other", "users_extra", 1)); // another schema: not with users
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
  catalog::Catalog c;
  c.database = "gitlab_like";
  catalog::Oid oid = 1;
  for (const char* prefix : {"ci", "merge", "project", "issue", "user"}) {
    for (int i = 0; i < 15; ++i) {
      c.tables.push_back(table(oid++, "public", fmt::format("{}_t{}", prefix, i), 100));
    }
  }
  c.tables.push_back(table(oid++, "public", "loner", 100));
  const config::Mapping mapping = config::parse_mapping(init_mapping(c), "pgsplit.yaml", any_url);
  // The one table left over keeps a target of its own (the smallest: last).
  CHECK(target_names(mapping) == Names{"ci", "issue", "merge", "project", "user", "loner"});
  CHECK(mapping.targets[0].tables.size() == 15);
  CHECK(tables_of(mapping.targets[5]) == Names{"public.loner"});
}

TEST_CASE("init_mapping shows row estimates", "[plan]") {
  catalog::Catalog c;
  c.database = "app";
  c.tables.push_back(table(1, "public", "users", 81920));
  c.tables.back().estimated_rows = 1200;
  c.tables.push_back(table(2, "public", "users_logins", 8192));
  c.tables.back().estimated_rows = 34;
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
  catalog::Catalog c;
  c.database = "empty";
  CHECK_THROWS_AS(init_mapping(c), core::Error);
  c.tables.push_back(table(1, "public", "schema_migrations", 10));
  CHECK_THROWS_WITH(init_mapping(c), Contains("has no tables to split"));
}
