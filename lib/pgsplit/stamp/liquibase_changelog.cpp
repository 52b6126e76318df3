#include <pgsplit/config/yaml_tree.hpp>
#include <pgsplit/stamp/liquibase_changelog.hpp>
#include <pgsplit/stamp/migration_dir.hpp>
#include <pgsplit/stamp/migration_files.hpp>
#include <pgsplit/stamp/stamp_rows.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <regex>
#include <set>

namespace pgsplit::stamp {
namespace fs = std::filesystem;
namespace {

core::Location at_line(const fs::path& file, int line) {
  auto where = file_location(file);
  where.line = line;
  return where;
}

// `key:value` attributes after `--changeset author:id`; Liquibase spells context both ways.
std::optional<std::string> attribute(const std::string& rest, const std::string& key) {
  const std::regex pattern("(?:^|\\s)" + key + ":(\"[^\"]*\"|\\S+)");
  std::smatch match;
  if (!std::regex_search(rest, match, pattern)) {
    return std::nullopt;
  }
  std::string value = match[1].str();
  if (value.size() >= 2 && value.front() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  return value;
}

const config::YamlNode* scalar_field(const config::YamlNode& node, std::string_view key) {
  const config::YamlNode* value = node.find(key);
  return value != nullptr && value->is_scalar() ? value : nullptr;
}

std::optional<std::string> text_field(const config::YamlNode& node,
                                      std::initializer_list<std::string_view> keys) {
  for (const auto key : keys) {
    if (const auto* value = scalar_field(node, key)) {
      return value->scalar;
    }
  }
  return std::nullopt;
}

LiquibaseChangeSet yaml_change_set(const config::YamlNode& node, const fs::path& file) {
  const auto* id = scalar_field(node, "id");
  const auto* author = scalar_field(node, "author");
  if (id == nullptr || author == nullptr) {
    fail_at(at_line(file, node.at.line), "changeSet without id or author",
            "Liquibase needs both: give the changeSet an id and an author");
  }
  LiquibaseChangeSet change_set{id->scalar, author->scalar + ":" + id->scalar, author->scalar};
  std::vector<std::string> changes;
  if (const auto* list = node.find("changes"); list != nullptr && list->is_sequence()) {
    for (const auto& change : list->items) {
      if (change.is_mapping() && !change.entries.empty()) {
        changes.push_back(change.entries.front().key);
      }
    }
  }
  change_set.description = fmt::format("{}", fmt::join(changes, ", "));
  change_set.comments = text_field(node, {"comment"});
  change_set.contexts = text_field(node, {"contextFilter", "context"});
  change_set.labels = text_field(node, {"labels"});
  change_set.line = node.at.line;
  return change_set;
}

} // namespace

std::vector<LiquibaseChangeSet> parse_liquibase_sql(std::string_view text, const fs::path& file) {
  static const std::regex header(R"(^--\s*liquibase\s+formatted\s+sql\b)", std::regex::icase);
  static const std::regex change_set(R"(^--\s*changeset\s+("[^"]+"|[^:\s]+):("[^"]+"|\S+)(.*))",
                                     std::regex::icase);
  static const std::regex comment(R"(^--\s*comment:?\s*(.*))", std::regex::icase);
  static const std::regex include(R"(^--\s*include(all)?\b)", std::regex::icase);
  const auto unquote = [](std::string value) {
    return value.size() >= 2 && value.front() == '"' ? value.substr(1, value.size() - 2) : value;
  };
  std::vector<LiquibaseChangeSet> found;
  std::size_t begin = 0;
  int line_number = 0;
  while (begin < text.size()) {
    const auto end = std::min(text.find('\n', begin), text.size());
    std::string line(text.substr(begin, end - begin));
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    begin = end + 1;
    ++line_number;
    std::smatch match;
    if (line_number == 1 && !std::regex_search(line, header)) {
      fail_at(at_line(file, 1), "not a formatted SQL changelog",
              "its first line must be --liquibase formatted sql");
    } else if (std::regex_search(line, match, change_set)) {
      const std::string author = unquote(match[1].str());
      const std::string id = unquote(match[2].str());
      LiquibaseChangeSet entry{id, author + ":" + id, author, "sql"};
      const std::string rest = match[3].str();
      entry.contexts = attribute(rest, "context");
      if (!entry.contexts) {
        entry.contexts = attribute(rest, "contextFilter");
      }
      entry.labels = attribute(rest, "labels");
      entry.line = line_number;
      found.push_back(std::move(entry));
    } else if (std::regex_search(line, match, comment) && !found.empty()) {
      found.back().comments = match[1].str();
    } else if (std::regex_search(line, include)) {
      fail_at(at_line(file, line_number), "included changelogs are not read by pgsplit",
              "stamp each included changelog with its own liquibase entry, or list its "
              "changesets here");
    }
  }
  return found;
}

std::vector<LiquibaseChangeSet> parse_liquibase_yaml(std::string_view text, const fs::path& file) {
  const config::YamlNode root = config::parse_yaml(text, file.string());
  const config::YamlNode* log = root.is_mapping() ? root.find("databaseChangeLog") : nullptr;
  if (log == nullptr || !log->is_sequence()) {
    fail_at(at_line(file, root.at.line), "no databaseChangeLog list",
            "a YAML changelog starts with databaseChangeLog: and lists its changeSets");
  }
  std::vector<LiquibaseChangeSet> found;
  for (const auto& item : log->items) {
    if (!item.is_mapping() || item.entries.empty()) {
      continue;
    }
    const auto& entry = item.entries.front();
    if (entry.key == "include" || entry.key == "includeAll") {
      fail_at(at_line(file, entry.at.line), "included changelogs are not read by pgsplit",
              "stamp each included changelog with its own liquibase entry, or list its "
              "changeSets here");
    }
    if (entry.key == "changeSet" && entry.value.is_mapping()) {
      found.push_back(yaml_change_set(entry.value, file));
    }
  }
  return found;
}

std::vector<LiquibaseChangeSet> read_liquibase_changelog(const fs::path& file) {
  const std::string extension = file.extension().string();
  std::vector<LiquibaseChangeSet> found;
  if (extension == ".sql") {
    found = parse_liquibase_sql(read_migration_file(file), file);
  } else if (extension == ".yaml" || extension == ".yml") {
    found = parse_liquibase_yaml(read_migration_file(file), file);
  } else {
    fail_at(file_location(file),
            fmt::format("pgsplit reads formatted SQL and YAML changelogs, not {}",
                        extension.empty() ? "files without an extension" : extension),
            "convert the changelog (liquibase can print it as YAML), or stamp with a sql: entry");
  }
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& change_set : found) {
    if (!seen.emplace(change_set.author, change_set.version).second) {
      fail_at(at_line(file, change_set.line),
              fmt::format("changeset {} is defined twice", change_set.name),
              "Liquibase refuses duplicate changesets: give each its own id");
    }
  }
  return found;
}

StampPlan liquibase_stamp_plan(const StampRequest& request, const StampTable& table,
                               const QuoteIdent& quote_ident) {
  std::vector<LiquibaseChangeSet> all;
  if (!request.migrations_dir.empty()) {
    all = read_liquibase_changelog(request.migrations_dir);
  }
  const auto change_sets =
      migrations_up_to(all, request.version, request.origin, "liquibase", request.migrations_dir);
  const std::string file_name =
      request.changelog_name.value_or(request.migrations_dir.filename().string());
  StampPlan plan = begin_plan(StampTool::liquibase, table, quote_ident);
  const auto q = [&](std::string_view name) { return quote_ident(name); };
  plan.create_statements.push_back(fmt::format(
      "CREATE TABLE IF NOT EXISTS {} ({} varchar(255) NOT NULL, {} varchar(255) NOT NULL, {} "
      "varchar(255) NOT NULL, {} timestamp NOT NULL, {} integer NOT NULL, {} varchar(10) NOT NULL, "
      "{} varchar(35), {} varchar(255), {} varchar(255), {} varchar(255), {} varchar(20), {} "
      "varchar(255), {} varchar(255), {} varchar(10))",
      plan.qualified_table, q("id"), q("author"), q("filename"), q("dateexecuted"),
      q("orderexecuted"), q("exectype"), q("md5sum"), q("description"), q("comments"), q("tag"),
      q("liquibase"), q("contexts"), q("labels"), q("deployment_id")));
  const StampTable lock{table.schema, table.name + "lock"};
  const std::string lock_table =
      begin_plan(StampTool::liquibase, lock, quote_ident).qualified_table;
  plan.create_statements.push_back(fmt::format(
      "CREATE TABLE IF NOT EXISTS {} ({} integer NOT NULL, {} boolean NOT NULL, {} timestamp, {} "
      "varchar(255), CONSTRAINT {} PRIMARY KEY ({}))",
      lock_table, q("id"), q("locked"), q("lockgranted"), q("lockedby"), q(lock.name + "_pkey"),
      q("id")));
  plan.create_statements.push_back(
      fmt::format("INSERT INTO {0} ({1}, {2}) SELECT 1, false WHERE NOT EXISTS (SELECT 1 FROM {0})",
                  lock_table, q("id"), q("locked")));
  // dateexecuted keeps the order (one microsecond per changeset); deployment_id is the last ten
  // digits of the time in milliseconds, as Liquibase makes it.
  plan.insert_statement = fmt::format(
      "INSERT INTO {} ({}) VALUES ($1, $2, $3, $4::integer, 'EXECUTED', NULL, $5, $6, $7, $8, "
      "now()::timestamp + $4::integer * interval '1 microsecond', "
      "right((extract(epoch FROM now()) * 1000)::bigint::text, 10))",
      plan.qualified_table,
      quoted_list({"id", "author", "filename", "orderexecuted", "exectype", "md5sum", "description",
                   "comments", "contexts", "labels", "dateexecuted", "deployment_id"},
                  quote_ident));
  for (std::size_t i = 0; i < change_sets.size(); ++i) {
    const auto& change_set = change_sets[i];
    plan.rows.push_back({change_set.version, change_set.author, file_name, std::to_string(i + 1),
                         change_set.description, change_set.comments.value_or(""),
                         change_set.contexts, change_set.labels});
  }
  plan.volatile_columns = {"dateexecuted", "deployment_id"};
  plan.key_columns = {"id", "author", "filename"};
  plan.summary = history_summary("liquibase", plan.qualified_table, change_sets.size(),
                                 change_sets.back().name);
  return plan;
}

} // namespace pgsplit::stamp
