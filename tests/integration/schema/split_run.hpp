#pragma once

// Runs the schema split of split_fixture.hpp once for every test of the folder: loads the
// source's catalog, plans, generates each target's DDL, applies it to a fresh database per
// target and loads the targets' catalogs back.
#include "integration/schema/split_fixture.hpp"
#include "support/sandbox.hpp"

#include <pgsplit/catalog/loader.hpp>
#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/plan/build_plan.hpp>
#include <pgsplit/schema/target_ddl.hpp>

#include <fmt/format.h>

#include <map>
#include <string>

// A namespace of their own: other folders' test helpers live in pgsplit::testing too.
namespace pgsplit::testing::schema_split {

inline catalog::Catalog load_snapshot(const TestDatabase& database) {
  auto connection = database.connect();
  connection.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  auto loaded = catalog::load_catalog(connection, {});
  connection.exec("COMMIT");
  return loaded;
}

// Runs each statement on its own, so that a failure names the statement that failed.
inline void run_statements(pg::Connection& connection,
                           const std::vector<schema::Statement>& statements) {
  for (const auto& statement : statements) {
    try {
      connection.exec(statement.sql);
    } catch (const core::Error& error) {
      throw core::Error(
          fmt::format("{} failed: {}\n{}", statement.what, error.what(), statement.sql));
    }
  }
}

// What the copy engine would have loaded before the post-data phase of target crm: rows that
// violate the NOT VALID check (and the customer they belong to, for the foreign key).
constexpr const char* crm_rows_sql = R"sql(
INSERT INTO crm.clients (id, email, name) OVERRIDING SYSTEM VALUE VALUES (1010, 'b@x', 'Bob');
INSERT INTO app.orders (id, customer_id, total) VALUES (6, 1010, 2000000);
)sql";

inline void apply(const TestDatabase& database, const schema::TargetDdl& ddl) {
  auto connection = database.connect();
  run_statements(connection, ddl.pre_data);
  if (ddl.target == "crm") {
    connection.exec(crm_rows_sql);
  }
  for (const auto& table : ddl.post_data) {
    run_statements(connection, table.statements);
  }
  for (const auto& key : ddl.foreign_keys) {
    run_statements(connection, {key.statement});
  }
  run_statements(connection, ddl.views);
}

struct SplitRun {
  TestDatabase source{"schema_src"};
  catalog::Catalog source_catalog;
  plan::Plan plan;
  std::map<std::string, TestDatabase> targets;
  std::map<std::string, schema::TargetDdl> ddl;
  std::map<std::string, catalog::Catalog> target_catalogs;

  SplitRun() {
    source.run(split_source_sql);
    source_catalog = load_snapshot(source);
    const auto mapping = config::parse_mapping(split_mapping_yaml, "/work/pgsplit.yaml",
                                               config::fixed_environment({}));
    plan = plan::build_plan(mapping, source_catalog);
    if (plan.has_errors()) {
      throw core::Error("the split's plan has errors: " + plan.errors().front().to_string());
    }
    for (const auto& target : plan.targets) {
      const auto& database =
          targets.emplace(target.name, TestDatabase("schema_" + target.name)).first->second;
      const auto& generated =
          ddl.emplace(target.name, schema::generate_target_ddl(source_catalog, target))
              .first->second;
      apply(database, generated);
      target_catalogs.emplace(target.name, load_snapshot(database));
    }
  }
};

// One run for the whole folder (built on first use; its databases are dropped at exit).
inline const SplitRun& split_run() {
  static const SplitRun run;
  return run;
}

} // namespace pgsplit::testing::schema_split
