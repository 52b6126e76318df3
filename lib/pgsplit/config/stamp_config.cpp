#include <pgsplit/config/stamp_config.hpp>
#include <pgsplit/config/stamp_config_a.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>

namespace pgsplit::config {
namespace {

constexpr std::array all_tools = {
    StampTool::alembic, StampTool::flyway, StampTool::golang_migrate, StampTool::prisma,
    StampTool::sql,
    // part A
    StampTool::rails, StampTool::django, StampTool::yoyo, StampTool::sqitch, StampTool::files,
    // part B
    StampTool::knex, StampTool::node_pg_migrate, StampTool::sequelize, StampTool::typeorm,
    StampTool::sqlx, StampTool::dbmate, StampTool::goose, StampTool::ecto, StampTool::diesel,
    StampTool::liquibase};

// What each table-based tool accepts.
struct ToolRules {
  std::vector<std::string> keys;
  std::string_view default_table;
  std::string_view directory_key;
  bool needs_version = true;
};

// part A: rails, django, yoyo, sqitch, files (their settings: stamp_config_a.cpp).
const ToolRules* part_a_rules(StampTool tool) {
  static const ToolRules rails{
      {"table", "schema", "version", "migrations_dir", "environment", "metadata_table"},
      "schema_migrations",
      "migrations_dir"};
  static const ToolRules django{{"schema", "version", "apps"}, "django_migrations", "apps", false};
  static const ToolRules yoyo{
      {"table", "schema", "version", "migrations_dir"}, "_yoyo_migration", "migrations_dir"};
  static const ToolRules sqitch{{"schema", "version", "plan_file"}, "", "plan_file", false};
  static const ToolRules files{
      {"table", "schema", "version", "migrations_dir", "pattern", "columns", "create"},
      "",
      "migrations_dir"};
  switch (tool) {
  case StampTool::rails:
    return &rails;
  case StampTool::django:
    return &django;
  case StampTool::yoyo:
    return &yoyo;
  case StampTool::sqitch:
    return &sqitch;
  case StampTool::files:
    return &files;
  default:
    return nullptr;
  }
}

// part B: the tools whose head is read from migration files alone; null for the others.
const ToolRules* part_b_rules(StampTool tool) {
  static const std::vector<std::string> common{"table", "schema", "version", "migrations_dir"};
  static const std::map<StampTool, ToolRules> rules{
      {StampTool::knex, {common, "knex_migrations", "migrations_dir"}},
      {StampTool::node_pg_migrate, {common, "pgmigrations", "migrations_dir"}},
      {StampTool::sequelize, {common, "SequelizeMeta", "migrations_dir"}},
      {StampTool::typeorm, {common, "migrations", "migrations_dir"}},
      {StampTool::sqlx, {common, "_sqlx_migrations", "migrations_dir"}},
      {StampTool::dbmate, {common, "schema_migrations", "migrations_dir"}},
      {StampTool::goose, {common, "goose_db_version", "migrations_dir"}},
      {StampTool::ecto, {common, "schema_migrations", "migrations_dir"}},
      {StampTool::diesel,
       {{"schema", "version", "migrations_dir"}, "__diesel_schema_migrations", "migrations_dir"}},
      {StampTool::liquibase,
       {{"table", "schema", "version", "changelog", "changelog_name"},
        "databasechangelog",
        "changelog"}},
  };
  const auto found = rules.find(tool);
  return found == rules.end() ? nullptr : &found->second;
}

const ToolRules& rules_for(StampTool tool) {
  static const ToolRules alembic{
      {"table", "schema", "version", "versions_dir", "heads"}, "alembic_version", "versions_dir"};
  static const ToolRules flyway{{"table", "schema", "version", "migrations_dir", "installed_by"},
                                "flyway_schema_history",
                                "migrations_dir"};
  static const ToolRules golang_migrate{
      {"table", "schema", "version", "migrations_dir"}, "schema_migrations", "migrations_dir"};
  static const ToolRules prisma{
      {"schema", "migrations_dir"}, "_prisma_migrations", "migrations_dir", false};
  if (const ToolRules* part_a = part_a_rules(tool)) {
    return *part_a;
  }
  if (const ToolRules* part_b = part_b_rules(tool)) {
    return *part_b;
  }
  switch (tool) {
  case StampTool::alembic:
    return alembic;
  case StampTool::flyway:
    return flyway;
  case StampTool::golang_migrate:
    return golang_migrate;
  default: // prisma; sql has no settings and is never asked; parts A and B are above
    break;
  }
  return prisma;
}

std::optional<StampTool> find_tool(std::string_view name) {
  if (name == "golang-migrate") { // the tool's own spelling
    return StampTool::golang_migrate;
  }
  for (const StampTool tool : all_tools) {
    if (to_string(tool) == name) {
      return tool;
    }
  }
  return std::nullopt;
}

} // namespace

bool is_unsigned_integer(std::string_view text) {
  unsigned long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && error == std::errc{} && end == text.data() + text.size();
}

std::filesystem::path resolve(const std::filesystem::path& base_dir, const std::string& text) {
  const std::filesystem::path path(text);
  return path.is_absolute() ? path : base_dir / path;
}

namespace {

// prisma, and the part A tools that record one row per migration file.
bool needs_directory(StampTool tool) {
  return tool == StampTool::prisma || tool == StampTool::rails || tool == StampTool::yoyo ||
         tool == StampTool::files;
}

// The rules that tie `version` to the other settings; reported at the version's position.
void check_version(FieldReader& reader, const YamlNode& settings, std::string_view path,
                   StampEntry& stamp) {
  const YamlNode* node = settings.find("version");
  const bool symbolic =
      stamp.version == (stamp.tool == StampTool::alembic ? "head" : "latest") ||
      ((part_a_rules(stamp.tool) != nullptr || part_b_rules(stamp.tool) != nullptr) &&
       stamp.version == "head"); // parts A and B: both words
  const std::string dir_key(rules_for(stamp.tool).directory_key);
  if (symbolic && settings.find(dir_key) == nullptr) {
    reader.report(node->at, fmt::format("{}.version: '{}' needs {}", path, stamp.version, dir_key),
                  fmt::format("add {}: the directory of the migration files, or give the "
                              "version literally",
                              dir_key));
  }
  if ((stamp.tool == StampTool::golang_migrate || stamp.tool == StampTool::rails) && !symbolic &&
      !is_unsigned_integer(stamp.version)) {
    reader.report(node->at, fmt::format("{}.version: expected 'latest' or an integer, got '{}'",
                                        path, FieldReader::shown(*node)));
  }
  if (stamp.all_heads && !symbolic) {
    reader.report(settings.find("heads")->at,
                  fmt::format("{}.heads: 'all' needs version: head", path));
  }
}

// alembic's `heads: all` (the only value): stamp every head, not the single `head`.
void read_heads(FieldReader& reader, const YamlNode& node, std::string_view path,
                StampEntry& stamp) {
  const std::optional<std::string> word = reader.text(node, join_path(path, "heads"));
  stamp.all_heads = word == "all";
  if (word && !stamp.all_heads) {
    reader.report(
        node.at, fmt::format("{}.heads: expected 'all', got '{}'", path, FieldReader::shown(node)));
  }
}

void read_settings(FieldReader& reader, const YamlNode& settings, std::string_view path,
                   Position owner, const std::filesystem::path& base_dir, StampEntry& stamp) {
  const ToolRules& rules = rules_for(stamp.tool);
  if (!reader.expect_mapping(settings, path, "a mapping of settings")) {
    return;
  }
  reader.check_keys(settings, path, rules.keys);
  // Keys the tool does not know were just reported; they must not take effect either.
  const auto setting = [&](const std::string& key) -> const YamlNode* {
    const bool known = std::find(rules.keys.begin(), rules.keys.end(), key) != rules.keys.end();
    return known ? settings.find(key) : nullptr;
  };
  stamp.table = rules.default_table;
  if (const YamlNode* table = setting("table")) {
    stamp.table = reader.non_empty_text(*table, join_path(path, "table")).value_or(stamp.table);
  }
  if (const YamlNode* schema = setting("schema")) {
    stamp.schema = reader.non_empty_text(*schema, join_path(path, "schema"));
  }
  const std::string dir_key(rules.directory_key);
  const YamlNode* directory = needs_directory(stamp.tool)
                                  ? reader.require(settings, dir_key, path, owner)
                              : stamp.tool == StampTool::django ? nullptr // apps: read_settings_a
                                                                : setting(dir_key);
  if (directory != nullptr) {
    if (auto text = reader.non_empty_text(*directory, join_path(path, dir_key))) {
      stamp.directory = resolve(base_dir, *text);
    }
  }
  if (const YamlNode* installed_by = setting("installed_by")) {
    stamp.installed_by = reader.non_empty_text(*installed_by, join_path(path, "installed_by"));
  }
  if (const YamlNode* name = setting("changelog_name")) { // part B: liquibase
    stamp.changelog_name = reader.non_empty_text(*name, join_path(path, "changelog_name"));
  }
  if (const YamlNode* heads = setting("heads")) {
    read_heads(reader, *heads, path, stamp);
  }
  if (rules.needs_version) {
    if (const YamlNode* version = reader.require(settings, "version", path, owner)) {
      stamp.version = reader.non_empty_text(*version, join_path(path, "version")).value_or("");
      if (!stamp.version.empty()) {
        check_version(reader, settings, path, stamp);
      }
    }
  }
  if (part_a_rules(stamp.tool) != nullptr) {
    read_settings_a(reader, settings, path, owner, base_dir, stamp);
  }
}

} // namespace

std::optional<StampEntry> read_stamp_entry(FieldReader& reader, const YamlNode& node,
                                           std::string_view path,
                                           const std::filesystem::path& base_dir) {
  if (!reader.expect_mapping(node, path, "a tool and its settings, e.g. `alembic: {…}`")) {
    return std::nullopt;
  }
  std::vector<std::string> tool_names;
  for (const StampTool tool : all_tools) {
    tool_names.emplace_back(to_string(tool));
  }
  if (node.entries.size() != 1) {
    reader.report(
        node.at,
        fmt::format("{}: expected one tool per entry, got {} keys", path, node.entries.size()),
        "start each tool with its own '-', and indent its settings under its name");
    return std::nullopt;
  }
  const YamlEntry& entry = node.entries.front();
  const std::optional<StampTool> tool = find_tool(entry.key);
  if (!tool) {
    reader.report(entry.at,
                  fmt::format("unknown stamp tool '{}' in {}{}", entry.key, path,
                              core::did_you_mean_suffix(entry.key, tool_names)),
                  fmt::format("valid tools: {}", fmt::join(tool_names, ", ")));
    return std::nullopt;
  }
  StampEntry stamp;
  stamp.tool = *tool;
  stamp.location = reader.location(entry.at);
  const std::string tool_path = join_path(path, entry.key);
  if (stamp.tool == StampTool::sql) {
    stamp.sql = reader.non_empty_text(entry.value, tool_path).value_or("");
  } else {
    read_settings(reader, entry.value, tool_path, entry.at, base_dir, stamp);
  }
  return stamp;
}

} // namespace pgsplit::config
