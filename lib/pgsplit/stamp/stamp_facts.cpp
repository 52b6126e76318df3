#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/quote.hpp>
#include <pgsplit/stamp/stamp_facts.hpp>

#include <fmt/format.h>

namespace pgsplit::stamp {
namespace {

std::string shortened(const std::string& sql) {
  std::string line = sql.substr(0, 70);
  for (char& character : line) {
    character = character == '\n' ? ' ' : character;
  }
  return sql.size() > 70 ? line + " …" : line;
}

std::string_view directory_key(config::StampTool tool) {
  if (tool == config::StampTool::liquibase) { // part B
    return "changelog";
  }
  return tool == config::StampTool::alembic ? "versions_dir" : "migrations_dir";
}

} // namespace

StampRequest request_for(const config::StampEntry& entry) {
  StampRequest request;
  request.tool = entry.tool;
  request.migrations_dir = entry.directory;
  request.version = entry.version;
  request.all_heads = entry.all_heads;
  request.schema = entry.schema.value_or("");
  request.table = entry.table;
  request.installed_by = entry.installed_by;
  request.settings_a = entry.settings_a;
  request.changelog_name = entry.changelog_name; // part B
  request.origin = entry.location;
  return request;
}

std::vector<plan::StampFacts> stamp_facts(const config::Mapping& mapping) {
  std::vector<plan::StampFacts> all;
  for (const auto& target : mapping.targets) {
    plan::StampFacts facts;
    facts.target = target.name;
    for (const auto& entry : target.stamps) {
      if (entry.tool == config::StampTool::sql) {
        facts.summaries.push_back(fmt::format("sql: {}", shortened(entry.sql)));
        continue;
      }
      try {
        facts.summaries.push_back(plan_stamp(request_for(entry), [](std::string_view name) {
                                    return pg::quote_ident(name);
                                  }).summary);
      } catch (const core::ConfigError& error) {
        for (auto problem : error.diagnostics()) {
          // A folder-level problem (no line) is reported at the mapping entry that names it.
          if (problem.where.line == 0) {
            if (!problem.where.file.empty()) {
              problem.message = fmt::format("{} {}: {}", directory_key(entry.tool),
                                            problem.where.file, problem.message);
            }
            problem.where = entry.location;
          }
          problem.where.target = target.name;
          facts.problems.push_back(std::move(problem));
        }
      }
    }
    all.push_back(std::move(facts));
  }
  return all;
}

} // namespace pgsplit::stamp
