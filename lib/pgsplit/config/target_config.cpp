#include <pgsplit/config/stamp_config.hpp>
#include <pgsplit/config/table_config.hpp>
#include <pgsplit/config/target_config.hpp>

namespace pgsplit::config {
namespace {

const std::vector<std::string> target_keys = {"url", "create_database", "tables", "stamp"};

void read_tables(FieldReader& reader, const YamlNode& node, std::string_view path, Target& target) {
  if (!node.is_sequence()) {
    reader.report(node.at,
                  fmt::format("{}: expected a list of tables, got {}", path, node.kind_name()),
                  "write one table per line, each starting with '- ', or tables: [a, b]");
    return;
  }
  if (node.items.empty()) {
    reader.report(node.at, fmt::format("{}: expected at least one table", path));
  }
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    auto entry = read_table_entry(reader, node.items[i], index_path(path, i), target.name);
    if (entry) {
      target.tables.push_back(std::move(*entry));
    }
  }
}

void read_stamps(FieldReader& reader, const YamlNode& node, std::string_view path,
                 const std::filesystem::path& base_dir, Target& target) {
  if (!node.is_sequence()) {
    reader.report(node.at,
                  fmt::format("{}: expected a list of tools, got {}", path, node.kind_name()),
                  "write each tool as a list entry: '- alembic: {…}'");
    return;
  }
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    auto stamp = read_stamp_entry(reader, node.items[i], index_path(path, i), base_dir);
    if (stamp) {
      stamp->location.target = target.name;
      target.stamps.push_back(std::move(*stamp));
    }
  }
}

Target read_target(FieldReader& reader, const YamlEntry& entry,
                   const std::filesystem::path& base_dir) {
  Target target;
  target.name = entry.key;
  target.location = reader.location(entry.at);
  target.location.target = target.name;
  const std::string path = join_path("targets", target.name);
  if (!reader.expect_mapping(entry.value, path, "a mapping with url and tables")) {
    return target;
  }
  const YamlNode& settings = entry.value;
  reader.check_keys(settings, path, target_keys);
  if (const YamlNode* url = reader.require(settings, "url", path, entry.at)) {
    target.url = reader.connection_url(*url, join_path(path, "url")).value_or("");
  }
  if (const YamlNode* create = settings.find("create_database")) {
    target.create_database =
        reader.boolean(*create, join_path(path, "create_database")).value_or(false);
  }
  if (const YamlNode* tables = reader.require(settings, "tables", path, entry.at)) {
    read_tables(reader, *tables, join_path(path, "tables"), target);
  }
  if (const YamlNode* stamps = settings.find("stamp")) {
    read_stamps(reader, *stamps, join_path(path, "stamp"), base_dir, target);
  }
  return target;
}

} // namespace

bool valid_target_name(std::string_view name) {
  if (name.empty()) {
    return false;
  }
  for (const char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) {
      return false;
    }
  }
  return true;
}

std::vector<Target> read_targets(FieldReader& reader, const YamlNode& targets, Position owner,
                                 const std::filesystem::path& base_dir) {
  std::vector<Target> result;
  if (!reader.expect_mapping(targets, "targets", "a mapping of target names to their settings")) {
    return result;
  }
  if (targets.entries.empty()) {
    reader.report(owner, "targets: expected at least one target");
    return result;
  }
  reader.check_keys(targets, "targets", {}, "target");
  for (const auto& entry : targets.entries) {
    if (!entry.key_is_scalar()) {
      continue; // reported by check_keys
    }
    if (!valid_target_name(entry.key)) {
      reader.report(entry.at, fmt::format("invalid target name '{}'", entry.key),
                    "use letters, digits, '_' and '-' only");
    }
    result.push_back(read_target(reader, entry, base_dir));
  }
  return result;
}

} // namespace pgsplit::config
