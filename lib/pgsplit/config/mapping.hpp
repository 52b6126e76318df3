#pragma once

#include <pgsplit/config/name_pattern.hpp>
#include <pgsplit/core/diagnostic.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgsplit::config {

// The mapping file as plain values, validated (see docs/mapping.md). Every `location` is where
// the item is written in the file; entries inside a target also carry the target's name (and a
// table entry its pattern) so that later diagnostics can point back at them.

// One entry of a table entry's `columns` map: what a source column becomes in the target.
// `drop` excludes the rest; `rename` and `type` combine. Names are as the catalog spells them.
struct ColumnChange {
  std::string column; // the source column
  bool drop = false;
  std::optional<std::string> rename; // the column's name in the target
  std::optional<std::string> type;   // the target column's type, SQL text
  // The SQL expression over the source row producing the new value; with `type` only (without
  // `using`, the copy casts the column to `type`).
  std::optional<std::string> expression;
  core::Location location; // of the column's key
};

// One entry of a target's `tables` list.
struct TableEntry {
  NamePattern pattern;
  std::optional<std::string> where;  // row filter, SQL text kept as written
  std::optional<NamePattern> rename; // the table's [schema.]name in the target; never a glob
  bool replicate = false;
  // `replica_identity: full`: online mode may set REPLICA IDENTITY FULL on the source table
  // (it has no primary key nor identity index, so its updates could not be published).
  bool replica_identity_full = false;
  core::Location location;
  // Foreign keys of the entry's table(s), by constraint name, not recreated in this target
  // (their column and values are copied): the way out when a key's parent rows are filtered.
  std::vector<std::string> drop_foreign_keys;
  // `columns:` (docs/mapping.md, "Reshaping columns"), in file order; a single table only.
  std::vector<ColumnChange> columns;
  // `key: uuid`: the single-column integer primary key becomes a deterministic uuid.
  bool key_uuid = false;
  core::Location key_location; // of the `key` key
};

enum class StampTool {
  alembic,
  flyway,
  golang_migrate,
  prisma,
  sql,
  // part A
  rails,
  django,
  yoyo,
  sqitch,
  files,
  // part B
  knex,
  node_pg_migrate,
  sequelize,
  typeorm,
  sqlx,
  dbmate,
  goose,
  ecto,
  diesel,
  liquibase,
};

// part A: the settings of rails, django, yoyo, sqitch and files entries.
// One app of a django entry: `apps: {<app>: <folder>}` or `{<app>: {migrations_dir, version}}`.
struct DjangoApp {
  std::string name;
  std::filesystem::path directory; // resolved against the mapping file
  std::string version;             // "latest" or a migration name of the app
  core::Location location;
};

// One column of a `files` entry and where its value comes from.
struct FileColumn {
  enum class Source { version, name, file, sha256, md5, now, constant };
  std::string column;
  Source source = Source::constant;
  std::string constant; // Source::constant only
};

struct StampSettingsA {
  std::string environment = "production"; // rails: ar_internal_metadata's environment
  std::string metadata_table;             // rails: ar_internal_metadata, or as configured
  std::vector<DjangoApp> apps;            // django, in file order
  std::string pattern;                    // files: a regex with named groups version, name
  std::vector<FileColumn> columns;        // files
  std::string create;                     // files: statement creating the table, when missing
};

// One entry of a target's `stamp` list: record in the target that its migrations are applied.
struct StampEntry {
  StampTool tool = StampTool::alembic;
  std::optional<std::string> schema; // where the history table lives; unset: the default schema
  std::string table;                 // the history table, defaults filled in; empty for sql
  std::string version;               // "head", "latest" or a literal; empty for prisma and sql
  std::filesystem::path directory;   // versions_dir / migrations_dir / changelog, resolved
  bool all_heads = false;            // alembic `heads: all`
  std::string sql;                   // the statement of a `sql` entry
  // flyway's `installed_by` column; unset: the role pgsplit connects as
  std::optional<std::string> installed_by;
  StampSettingsA settings_a; // part A tools
  // part B: liquibase's `changelog_name`, the path Liquibase records for the changelog (held in
  // `directory`) in databasechangelog.filename; unset: the changelog's file name
  std::optional<std::string> changelog_name;
  core::Location location;
};

struct Target {
  std::string name; // [A-Za-z0-9_-]+
  std::string url;  // may hold a password: never print it, describe it
  bool create_database = false;
  std::vector<TableEntry> tables; // never empty
  std::vector<StampEntry> stamps;
  core::Location location;
};

struct Source {
  std::string url;                  // may hold a password: never print it, describe it
  std::vector<std::string> schemas; // empty: every user schema
  // How the target servers' subscriptions reach the source (online mode); empty: `url`.
  std::string replication_url;
  core::Location location;
};

// A table deliberately left in the monolith.
struct ExcludeEntry {
  NamePattern pattern;
  core::Location location;
};

enum class SchemaMode { create, existing };
enum class IfTargetNotEmpty { fail, truncate };
enum class CrossTargetForeignKeys { drop, fail };
enum class Owners { keep, connecting_role };
enum class Privileges { keep, none };

struct Options {
  int jobs = 4;
  SchemaMode schema = SchemaMode::create;
  IfTargetNotEmpty if_target_not_empty = IfTargetNotEmpty::fail;
  CrossTargetForeignKeys cross_target_foreign_keys = CrossTargetForeignKeys::drop;
  Owners owners = Owners::keep;             // the source's owners, where the target has them
  Privileges privileges = Privileges::keep; // the source's GRANT/REVOKE and default privileges
  core::Location location; // of the `options` key; file only when the section is absent
};

struct Mapping {
  std::filesystem::path file;
  Source source;
  std::vector<ExcludeEntry> exclude;
  std::vector<Target> targets; // in file order; never empty
  Options options;
};

// The spelling of each value in the mapping file.
std::string_view to_string(StampTool tool);
std::string_view to_string(SchemaMode mode);
std::string_view to_string(IfTargetNotEmpty action);
std::string_view to_string(CrossTargetForeignKeys action);
std::string_view to_string(Owners owners);
std::string_view to_string(Privileges privileges);

// Whether any table entry reshapes its table (`columns:` or `key: uuid`): only then does the
// plan need to know which objects use each column (catalog::LoadOptions::column_uses).
bool reshapes_columns(const Mapping& mapping);

} // namespace pgsplit::config
