#include <pgsplit/core/did_you_mean.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/migration_dir.hpp>
#include <pgsplit/stamp/rails_migrations.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <regex>

namespace pgsplit::stamp {
namespace fs = std::filesystem;
namespace {

std::string without_leading_zeros(const std::string& digits) {
  const auto first = digits.find_first_not_of('0');
  return first == std::string::npos ? "0" : digits.substr(first);
}

std::string qualify(const StampTable& table, const QuoteIdent& quote_ident) {
  return table.schema.empty()
             ? quote_ident(table.name)
             : fmt::format("{}.{}", quote_ident(table.schema), quote_ident(table.name));
}

// ar_internal_metadata: the environment row only; other keys (schema_sha1…) are left alone.
StampPlan metadata_plan(const StampTable& table, const std::string& environment,
                        const QuoteIdent& q) {
  StampPlan plan;
  plan.tool = StampTool::rails;
  plan.qualified_table = qualify(table, q);
  plan.create_statements.push_back(
      fmt::format("CREATE TABLE IF NOT EXISTS {} ({} varchar NOT NULL PRIMARY KEY, {} varchar, {} "
                  "timestamp(6) NOT NULL, {} timestamp(6) NOT NULL)",
                  plan.qualified_table, q("key"), q("value"), q("created_at"), q("updated_at")));
  plan.clear_statement =
      fmt::format("DELETE FROM {} WHERE {} = 'environment'", plan.qualified_table, q("key"));
  // Rails writes its timestamps in UTC (default_timezone :utc).
  plan.insert_statement = fmt::format(
      "INSERT INTO {} ({}, {}, {}, {}) VALUES ($1, $2, now() AT TIME ZONE 'UTC', now() AT TIME "
      "ZONE 'UTC')",
      plan.qualified_table, q("key"), q("value"), q("created_at"), q("updated_at"));
  plan.rows.push_back({"environment", environment});
  plan.volatile_columns = {"created_at", "updated_at"};
  return plan;
}

} // namespace

bool version_number_less(std::string_view a, std::string_view b) {
  const auto trim = [](std::string_view text) {
    const auto first = text.find_first_not_of('0');
    return first == std::string_view::npos ? std::string_view{} : text.substr(first);
  };
  a = trim(a);
  b = trim(b);
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

std::vector<RailsMigration> read_rails_migrations(const fs::path& dir) {
  // Rails' own pattern: digits, underscore, a lowercase name, an optional scope.
  static const std::regex file_name(R"(([0-9]+)_([_a-z0-9]*)\.?([_a-z0-9]*)?\.rb)");
  std::vector<RailsMigration> migrations;
  for (const auto& entry : list_migration_dir(dir)) {
    std::smatch match;
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && std::regex_match(name, match, file_name)) {
      migrations.push_back({without_leading_zeros(match[1].str()), match[2].str(), entry.path()});
    }
  }
  std::stable_sort(migrations.begin(), migrations.end(), [](const auto& a, const auto& b) {
    return version_number_less(a.version, b.version);
  });
  core::Diagnostics problems;
  for (std::size_t i = 1; i < migrations.size(); ++i) {
    if (migrations[i].version == migrations[i - 1].version) {
      core::Diagnostic problem;
      problem.where.file = migrations[i].file.string();
      problem.message = fmt::format("migration version {} is also the version of {}",
                                    migrations[i].version, migrations[i - 1].file.string());
      problem.hint = "Rails refuses duplicate versions too: give one of the files a new version";
      problems.push_back(std::move(problem));
    }
  }
  if (!problems.empty()) {
    throw core::ConfigError(std::move(problems));
  }
  return migrations;
}

std::vector<RailsMigration> rails_migrations_up_to(const std::vector<RailsMigration>& migrations,
                                                   std::string_view version,
                                                   const core::Location& origin) {
  if (migrations.empty()) {
    throw core::ConfigError(
        core::Diagnostic{origin, "no Rails migration found (files <version>_<name>.rb)",
                         "migrations_dir must be the service's db/migrate folder"});
  }
  if (version == "latest") {
    return migrations;
  }
  const std::string wanted = without_leading_zeros(std::string(version));
  const auto last = std::find_if(migrations.begin(), migrations.end(), [&](const auto& migration) {
    return migration.version == wanted;
  });
  if (last == migrations.end()) {
    std::vector<std::string> versions;
    for (const auto& migration : migrations) {
      versions.push_back(migration.version);
    }
    throw core::ConfigError(core::Diagnostic{
        origin,
        fmt::format("no Rails migration has version {}{}", version,
                    core::did_you_mean_suffix(wanted, versions)),
        "give latest, or the version (leading digits) of one of the files of migrations_dir"});
  }
  return {migrations.begin(), last + 1};
}

StampPlan rails_stamp_plan(const StampTable& table, const std::string& metadata_table,
                           const std::string& environment,
                           const std::vector<RailsMigration>& migrations,
                           const QuoteIdent& quote_ident) {
  StampPlan plan;
  plan.tool = StampTool::rails;
  plan.qualified_table = qualify(table, quote_ident);
  const std::string column = quote_ident("version");
  plan.create_statements.push_back(
      fmt::format("CREATE TABLE IF NOT EXISTS {} ({} varchar NOT NULL PRIMARY KEY)",
                  plan.qualified_table, column));
  plan.clear_statement = fmt::format("DELETE FROM {}", plan.qualified_table);
  plan.insert_statement =
      fmt::format("INSERT INTO {} ({}) VALUES ($1)", plan.qualified_table, column);
  for (const auto& migration : migrations) {
    plan.rows.push_back({migration.version});
  }
  plan.key_columns = {"version"};
  plan.key_positions = {0};
  plan.companions.push_back(
      metadata_plan({table.schema, metadata_table}, environment, quote_ident));
  plan.summary =
      fmt::format("rails: {} with {} version{}{}, {} environment {}", plan.qualified_table,
                  migrations.size(), migrations.size() == 1 ? "" : "s",
                  migrations.empty() ? "" : " up to " + migrations.back().version,
                  plan.companions.front().qualified_table, environment);
  return plan;
}

} // namespace pgsplit::stamp
