#include <pgsplit/stamp/migration_dir.hpp>
#include <pgsplit/stamp/migration_files.hpp>
#include <pgsplit/stamp/stamp_rows.hpp>
#include <pgsplit/stamp/typeorm_migrations.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <regex>

namespace pgsplit::stamp {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t timestamp_digits = 13; // TypeORM reads name.substr(-13)

int line_of(std::string_view text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

bool is_script(const fs::path& file) {
  const std::string name = file.filename().string();
  const std::string extension = file.extension().string();
  return (extension == ".js" || extension == ".cjs" || extension == ".mjs" || extension == ".ts") &&
         !name.ends_with(".d.ts");
}

// The `name = '…'` property of a class body: a line of its own (`name = …`, `this.name = …`,
// `public name: string = …`), so that SQL like `SET name = 'x'` in a query is not taken for it.
std::optional<std::string> name_property(std::string_view body) {
  static const std::regex pattern(
      R"(^\s*(?:this\.|public\s+|readonly\s+)*name\s*(?::\s*string\s*)?=\s*["']([^"']+)["'])");
  std::size_t begin = 0;
  while (begin < body.size()) {
    const auto end = std::min(body.find('\n', begin), body.size());
    const std::string line(body.substr(begin, end - begin));
    std::smatch match;
    if (std::regex_search(line, match, pattern)) {
      return match[1].str();
    }
    begin = end + 1;
  }
  return std::nullopt;
}

// The text with its // and /* */ comments blanked (line breaks kept, so lines still count): a
// comment that says "class name" must not be taken for a class.
std::string without_comments(std::string_view text) {
  std::string out(text);
  std::size_t i = 0;
  while (i + 1 < out.size()) {
    const bool line = out[i] == '/' && out[i + 1] == '/';
    const bool block = out[i] == '/' && out[i + 1] == '*';
    if (!line && !block) {
      ++i;
      continue;
    }
    const auto end = line ? out.find('\n', i) : out.find("*/", i + 2);
    const auto stop = end == std::string::npos ? out.size() : (line ? end : end + 2);
    for (; i < stop; ++i) {
      out[i] = out[i] == '\n' ? '\n' : ' ';
    }
  }
  return out;
}

} // namespace

std::vector<TypeormMigration> parse_typeorm_classes(std::string_view text, const fs::path& file) {
  static const std::regex class_pattern(R"(\bclass\s+([A-Za-z_$][\w$]*))");
  std::vector<std::pair<std::size_t, std::string>> classes;
  const std::string body = without_comments(text);
  for (auto it = std::sregex_iterator(body.begin(), body.end(), class_pattern);
       it != std::sregex_iterator(); ++it) {
    classes.emplace_back(static_cast<std::size_t>(it->position(0)), (*it)[1].str());
  }
  std::vector<TypeormMigration> migrations;
  for (std::size_t i = 0; i < classes.size(); ++i) {
    const auto [start, class_name] = classes[i];
    const auto end = i + 1 < classes.size() ? classes[i + 1].first : body.size();
    const std::string name =
        name_property(std::string_view(body).substr(start, end - start)).value_or(class_name);
    const std::string tail = name.size() >= timestamp_digits
                                 ? name.substr(name.size() - timestamp_digits)
                                 : std::string();
    if (tail.empty() || leading_digits(tail) != tail) {
      auto where = file_location(file);
      where.line = line_of(text, start);
      fail_at(
          where,
          fmt::format("migration class {} does not end with a 13-digit JavaScript timestamp", name),
          "TypeORM refuses it too: name the class like CreateUsers1700000000000");
    }
    migrations.push_back({tail, name, file});
  }
  return migrations;
}

std::vector<TypeormMigration> read_typeorm_migrations(const fs::path& dir) {
  std::vector<TypeormMigration> migrations;
  core::Diagnostics problems;
  for (const auto& file : migration_files(dir)) {
    if (!is_script(file)) {
      continue;
    }
    try {
      const auto found = parse_typeorm_classes(read_migration_file(file), file);
      migrations.insert(migrations.end(), found.begin(), found.end());
    } catch (const core::ConfigError& error) { // report every bad file at once
      problems.insert(problems.end(), error.diagnostics().begin(), error.diagnostics().end());
    }
  }
  std::map<std::string, const TypeormMigration*> by_name;
  for (const auto& migration : migrations) {
    if (const auto [first, added] = by_name.emplace(migration.name, &migration); !added) {
      problems.push_back({file_location(migration.file),
                          fmt::format("migration {} is also defined in {}", migration.name,
                                      first->second->file.string()),
                          "TypeORM refuses duplicate migration names"});
    }
  }
  if (!problems.empty()) {
    throw core::ConfigError(std::move(problems));
  }
  std::stable_sort(migrations.begin(), migrations.end(),
                   [](const auto& a, const auto& b) { return a.version < b.version; });
  return migrations;
}

StampPlan typeorm_stamp_plan(const StampRequest& request, const StampTable& table,
                             const QuoteIdent& quote_ident) {
  std::vector<TypeormMigration> all;
  if (!request.migrations_dir.empty()) {
    all = read_typeorm_migrations(request.migrations_dir);
  }
  const auto migrations =
      migrations_up_to(all, request.version, request.origin, "typeorm", request.migrations_dir);
  StampPlan plan = begin_plan(StampTool::typeorm, table, quote_ident);
  const auto q = [&](std::string_view name) { return quote_ident(name); };
  // TypeORM's PostgreSQL migrations table: id serial, timestamp bigint, name varchar.
  plan.create_statements.push_back(
      fmt::format("CREATE TABLE IF NOT EXISTS {} ({} serial PRIMARY KEY, {} bigint NOT NULL, {} "
                  "varchar NOT NULL)",
                  plan.qualified_table, q("id"), q("timestamp"), q("name")));
  plan.insert_statement = fmt::format("INSERT INTO {} ({}, {}) VALUES ($1, $2)",
                                      plan.qualified_table, q("timestamp"), q("name"));
  for (const auto& migration : migrations) {
    plan.rows.push_back({without_leading_zeros(migration.version), migration.name});
  }
  plan.volatile_columns = {"id"};
  plan.key_columns = {"timestamp", "name"};
  plan.summary =
      history_summary("typeorm", plan.qualified_table, migrations.size(), migrations.back().name);
  return plan;
}

} // namespace pgsplit::stamp
