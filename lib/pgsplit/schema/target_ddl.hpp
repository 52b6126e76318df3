#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/plan/plan.hpp>

#include <string>
#include <vector>

// The DDL that recreates one target's share of the source, generated from the catalog model
// (format_type, pg_get_expr, pg_get_*def output read by the catalog loader), split into the
// phases the copy engine schedules. Every identifier is quoted; statements are complete SQL.
namespace pgsplit::schema {

// A statement and what it is, for logs and error messages ("index users_email_key").
struct Statement {
  std::string sql;
  std::string what;
};

// Post-data work of one target table: run as soon as its data is in. On a partitioned table
// (or an inheritance parent) the indexes, keys and checks cascade to the partitions (children):
// run it once their data is in too, or a NOT VALID check would already reject their old rows.
struct TablePostData {
  catalog::Oid table = 0; // the source table (PlacedTable::table)
  catalog::QualifiedName target_name;
  std::vector<Statement> statements; // PK/unique (index, then USING INDEX), other
                                     // indexes, check/exclusion constraints, triggers
};

// A foreign key kept inside the target: run once both tables have their data and keys.
struct ForeignKeyStatement {
  catalog::Oid child_table = 0;
  catalog::Oid parent_table = 0;
  Statement statement;
  // The key's name for ADD CONSTRAINT (so a resumed run can tell it exists); empty for the
  // COMMENT that follows a key.
  std::string constraint_name;
};

struct TargetDdl {
  std::string target;
  // Schemas, extensions, collations, operators, operator families and classes, casts, text
  // search objects, conversions, types, sequences, functions, aggregates, tables (columns, NOT
  // NULL, defaults, identity, generated, collation, partitions, inheritance, unlogged), comments:
  // before data.
  std::vector<Statement> pre_data;
  std::vector<TablePostData> post_data;          // one per placed table that needs any
  std::vector<ForeignKeyStatement> foreign_keys; // inside the target (cross-target ones left out)
  // Views and materialized views the plan keeps, in dependency order, then REFRESH of the
  // materialized ones (those populated in the source): after every table of the target is
  // complete. Also there: unvalidated (NOT VALID) domain checks, rules on tables (after the
  // views: their actions may use any), and functions that need a view.
  std::vector<Statement> views;
  // Row-level security (policies, ENABLE/FORCE), owners and privileges: last of all, after
  // apply's verification (the connecting role may no longer read every row once they are set).
  std::vector<Statement> access;
  // What was left out or changed on the way, one sentence each, for the plan/apply report
  // ("aggregate app.total(numeric) is not created: …", "view app.v reads renamed tables: …").
  std::vector<std::string> notes;
};

// Generates the DDL of one target of the plan. Pure: no I/O. When there are functions, the first
// pre-data statement turns check_function_bodies off for its session (functions are created
// before the tables their SQL bodies may read): run pre_data on one session, in order. Every
// phase's statements run in their order. docs/schema.md lists what is and is not recreated.
TargetDdl generate_target_ddl(const catalog::Catalog& catalog, const plan::TargetPlan& target);

// The whole script of a target in execution order, for `pgsplit plan --sql`: `-- pre-data`,
// `-- post-data: <table>`, `-- foreign keys`, `-- views`, `-- access` (when there is any) headers,
// every statement ended by `;` and a blank line. Runs as is with `psql -v ON_ERROR_STOP=1 -f`.
std::string render_script(const TargetDdl& ddl);

} // namespace pgsplit::schema
