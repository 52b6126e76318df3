#include <pgsplit/core/did_you_mean.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/core/sha256.hpp>
#include <pgsplit/stamp/migration_dir.hpp>
#include <pgsplit/stamp/yoyo_migrations.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pgsplit::stamp {
namespace fs = std::filesystem;
namespace {

std::string qualify(const std::string& schema, const std::string& name, const QuoteIdent& q) {
  return schema.empty() ? q(name) : fmt::format("{}.{}", q(schema), q(name));
}

StampPlan table_plan(const std::string& schema, const std::string& name, const QuoteIdent& q) {
  StampPlan plan;
  plan.tool = StampTool::yoyo;
  plan.qualified_table = qualify(schema, name, q);
  return plan;
}

// yoyo's internal schema version 2 (yoyo/internalmigrations/v2.py) and its lock table.
std::vector<StampPlan> companions(const std::string& schema, const QuoteIdent& q) {
  StampPlan version = table_plan(schema, "_yoyo_version", q);
  version.create_statements.push_back(
      fmt::format("CREATE TABLE IF NOT EXISTS {} ({} integer NOT NULL PRIMARY KEY, {} timestamp)",
                  version.qualified_table, q("version"), q("installed_at_utc")));
  version.clear_statement = fmt::format("DELETE FROM {}", version.qualified_table);
  version.insert_statement =
      fmt::format("INSERT INTO {} ({}, {}) VALUES ($1, now() AT TIME ZONE 'UTC')",
                  version.qualified_table, q("version"), q("installed_at_utc"));
  version.rows.push_back({"2"});
  version.volatile_columns = {"installed_at_utc"};

  StampPlan log = table_plan(schema, "_yoyo_log", q);
  log.create_statements.push_back(fmt::format(
      "CREATE TABLE IF NOT EXISTS {} ({} varchar(36), {} varchar(64), {} varchar(255), {} "
      "varchar(10), {} varchar(255), {} varchar(255), {} varchar(255), {} timestamp, PRIMARY "
      "KEY ({}))",
      log.qualified_table, q("id"), q("migration_hash"), q("migration_id"), q("operation"),
      q("username"), q("hostname"), q("comment"), q("created_at_utc"), q("id")));

  StampPlan lock = table_plan(schema, "yoyo_lock", q);
  lock.create_statements.push_back(
      fmt::format("CREATE TABLE IF NOT EXISTS {} ({} integer DEFAULT 1, {} timestamp, {} integer "
                  "NOT NULL, PRIMARY KEY ({}))",
                  lock.qualified_table, q("locked"), q("ctime"), q("pid"), q("locked")));
  return {std::move(version), std::move(log), std::move(lock)};
}

bool is_yoyo_migration(const fs::directory_entry& entry) {
  const std::string name = entry.path().filename().string();
  const auto extension = entry.path().extension();
  return entry.is_regular_file() && (extension == ".py" || extension == ".sql") &&
         !name.ends_with(".rollback.sql") && !name.starts_with("post-apply") &&
         !name.starts_with("_tmp_yoyonew"); // yoyo new's scratch files
}

} // namespace

std::vector<YoyoMigration> read_yoyo_migrations(const fs::path& dir) {
  std::vector<YoyoMigration> migrations;
  for (const auto& entry : list_migration_dir(dir)) {
    if (is_yoyo_migration(entry)) {
      const std::string id = entry.path().stem().string();
      migrations.push_back({id, core::sha256_hex(id), entry.path()});
    }
  }
  std::sort(migrations.begin(), migrations.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  return migrations;
}

std::vector<YoyoMigration> yoyo_migrations_up_to(const std::vector<YoyoMigration>& migrations,
                                                 std::string_view version,
                                                 const core::Location& origin) {
  if (migrations.empty()) {
    throw core::ConfigError(
        core::Diagnostic{origin, "no yoyo migration found (*.py or *.sql files)",
                         "migrations_dir must be the folder yoyo apply is given"});
  }
  if (version == "latest") {
    return migrations;
  }
  const auto last = std::find_if(migrations.begin(), migrations.end(),
                                 [&](const auto& migration) { return migration.id == version; });
  if (last == migrations.end()) {
    std::vector<std::string> ids;
    for (const auto& migration : migrations) {
      ids.push_back(migration.id);
    }
    throw core::ConfigError(
        core::Diagnostic{origin,
                         fmt::format("unknown yoyo migration '{}'{}", version,
                                     core::did_you_mean_suffix(version, ids)),
                         "give latest, or a migration id: the file name without .py or .sql"});
  }
  return {migrations.begin(), last + 1};
}

StampPlan yoyo_stamp_plan(const StampTable& table, const std::vector<YoyoMigration>& migrations,
                          const QuoteIdent& quote_ident) {
  const auto& q = quote_ident;
  StampPlan plan = table_plan(table.schema, table.name, q);
  plan.create_statements.push_back(
      fmt::format("CREATE TABLE IF NOT EXISTS {} ({} varchar(64), {} varchar(255), {} timestamp, "
                  "PRIMARY KEY ({}))",
                  plan.qualified_table, q("migration_hash"), q("migration_id"), q("applied_at_utc"),
                  q("migration_hash")));
  plan.clear_statement = fmt::format("DELETE FROM {}", plan.qualified_table);
  // yoyo lists what is applied ordered by applied_at_utc: one microsecond apart keeps the order
  // of the files.
  plan.insert_statement = fmt::format(
      "INSERT INTO {} ({}, {}, {}) VALUES ($1, $2, now() AT TIME ZONE 'UTC' + $3::integer * "
      "interval '1 microsecond')",
      plan.qualified_table, q("migration_hash"), q("migration_id"), q("applied_at_utc"));
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    plan.rows.push_back({migrations[i].hash, migrations[i].id, std::to_string(i)});
  }
  plan.volatile_columns = {"applied_at_utc"};
  plan.key_columns = {"migration_id"};
  plan.key_positions = {1};
  plan.companions = companions(table.schema, q);
  plan.summary = fmt::format("yoyo: {} with {} migration{}{}", plan.qualified_table,
                             migrations.size(), migrations.size() == 1 ? "" : "s",
                             migrations.empty() ? "" : ", up to " + migrations.back().id);
  return plan;
}

} // namespace pgsplit::stamp
