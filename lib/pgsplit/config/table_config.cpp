#include <pgsplit/config/column_config.hpp>
#include <pgsplit/config/table_config.hpp>

#include <algorithm>

namespace pgsplit::config {
namespace {

const std::vector<std::string> long_form_keys = {
    "name",    "schema", "where", "rename", "replicate", "drop_foreign_keys", "replica_identity",
    "columns", "key"};

// With an explicit `schema`, `name` is taken literally: it may contain dots and quotes.
std::optional<NamePattern> read_long_form_pattern(FieldReader& reader, const YamlNode& node,
                                                  std::string_view path) {
  const YamlNode* name = reader.require(node, "name", path, node.at);
  if (name == nullptr) {
    return std::nullopt;
  }
  const YamlNode* schema = node.find("schema");
  if (schema == nullptr) {
    return read_name_pattern(reader, *name, join_path(path, "name"));
  }
  std::optional<std::string> schema_text =
      reader.non_empty_text(*schema, join_path(path, "schema"));
  std::optional<std::string> name_text = reader.non_empty_text(*name, join_path(path, "name"));
  if (!schema_text || !name_text) {
    return std::nullopt;
  }
  return NamePattern{std::move(*schema_text), std::move(*name_text)};
}

// The table of a long-form entry as written in the file, for messages (see FieldReader::shown).
std::string written_table(const YamlNode& entry) {
  const std::string name = FieldReader::shown(*entry.find("name"));
  const YamlNode* schema = entry.find("schema");
  return schema == nullptr ? name : fmt::format("{}.{}", FieldReader::shown(*schema), name);
}

std::optional<NamePattern> read_rename(FieldReader& reader, const YamlNode& node,
                                       std::string_view path, const NamePattern& pattern,
                                       const YamlNode& entry) {
  std::optional<NamePattern> rename = read_name_pattern(reader, node, path);
  if (!rename) {
    return std::nullopt;
  }
  if (rename->has_glob()) {
    reader.report(node.at, fmt::format("{}: a rename names one table, got the glob '{}'", path,
                                       FieldReader::shown(node)));
    return std::nullopt;
  }
  if (pattern.has_glob()) {
    reader.report(node.at,
                  fmt::format("{}: cannot rename the tables matched by the glob '{}'", path,
                              written_table(entry)),
                  "list the table to rename in an entry of its own");
    return std::nullopt;
  }
  return rename;
}

// Constraint names, exactly as the catalog spells them; whether they exist is the plan's check.
std::vector<std::string> read_foreign_key_names(FieldReader& reader, const YamlNode& node,
                                                std::string_view path) {
  if (!node.is_sequence() || node.items.empty()) {
    reader.report(node.at,
                  node.is_sequence()
                      ? fmt::format("{}: expected at least one foreign key name", path)
                      : fmt::format("{}: expected a list of foreign key names, got {}", path,
                                    node.kind_name()),
                  "write drop_foreign_keys: [orders_customer_id_fkey]");
    return {};
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const YamlNode& item = node.items[i];
    auto name = reader.non_empty_text(item, index_path(path, i));
    if (name && std::find(names.begin(), names.end(), *name) != names.end()) {
      reader.report(item.at, fmt::format("{}: foreign key '{}' is listed twice", path,
                                         FieldReader::shown(item)));
    } else if (name) {
      names.push_back(std::move(*name));
    }
  }
  return names;
}

// `columns:` and `key:` name one table's columns: a glob could match tables without them.
void read_reshaping(FieldReader& reader, const YamlNode& node, std::string_view path,
                    TableEntry& entry) {
  const YamlNode* columns = node.find("columns");
  const YamlNode* key = node.find("key");
  if (columns != nullptr) {
    entry.columns = read_column_changes(reader, *columns, join_path(path, "columns"));
  }
  if (key != nullptr) {
    entry.key_uuid = read_key(reader, *key, join_path(path, "key"));
    entry.key_location = reader.location(node.entry("key")->at);
  }
  if ((columns != nullptr || key != nullptr) && entry.pattern.has_glob()) {
    const YamlNode& first = columns != nullptr ? *columns : *key;
    reader.report(first.at,
                  fmt::format("{}: cannot reshape the tables matched by the glob '{}'",
                              join_path(path, columns != nullptr ? "columns" : "key"),
                              written_table(node)),
                  "list the table to reshape in an entry of its own");
  }
}

std::optional<TableEntry> read_long_form(FieldReader& reader, const YamlNode& node,
                                         std::string_view path) {
  reader.check_keys(node, path, long_form_keys);
  std::optional<NamePattern> pattern = read_long_form_pattern(reader, node, path);
  if (!pattern) {
    return std::nullopt;
  }
  TableEntry entry{std::move(*pattern), {}, {}, false, false, {}};
  if (const YamlNode* where = node.find("where")) {
    entry.where = reader.non_empty_text(*where, join_path(path, "where"));
  }
  if (const YamlNode* rename = node.find("rename")) {
    entry.rename = read_rename(reader, *rename, join_path(path, "rename"), entry.pattern, node);
  }
  if (const YamlNode* replicate = node.find("replicate")) {
    entry.replicate = reader.boolean(*replicate, join_path(path, "replicate")).value_or(false);
  }
  if (const YamlNode* identity = node.find("replica_identity")) {
    const auto text = reader.text(*identity, join_path(path, "replica_identity"));
    if (text && *text != "full") {
      reader.report(identity->at,
                    fmt::format("{}: replica_identity: expected full, got '{}'", path, *text),
                    "write replica_identity: full, or leave it out");
    }
    entry.replica_identity_full = text == "full";
  }
  if (const YamlNode* keys = node.find("drop_foreign_keys")) {
    entry.drop_foreign_keys =
        read_foreign_key_names(reader, *keys, join_path(path, "drop_foreign_keys"));
  }
  read_reshaping(reader, node, path, entry);
  return entry;
}

} // namespace

std::optional<NamePattern> read_name_pattern(FieldReader& reader, const YamlNode& node,
                                             std::string_view path) {
  const std::optional<std::string> text = reader.text(node, path);
  if (!text) {
    return std::nullopt;
  }
  NamePatternParse parsed = try_parse_name_pattern(*text, node.scalar);
  if (!parsed.pattern) {
    reader.report(node.at, fmt::format("{}: {}", path, parsed.error), std::move(parsed.hint));
  }
  return std::move(parsed.pattern);
}

std::optional<TableEntry> read_table_entry(FieldReader& reader, const YamlNode& node,
                                           std::string_view path, const std::string& target) {
  std::optional<TableEntry> entry;
  if (node.is_mapping()) {
    entry = read_long_form(reader, node, path);
  } else if (node.is_scalar()) {
    if (std::optional<NamePattern> pattern = read_name_pattern(reader, node, path)) {
      entry = TableEntry{std::move(*pattern), {}, {}, false, {}, {}};
    }
  } else {
    reader.report(node.at, fmt::format("{}: expected a table name or a mapping with 'name', got {}",
                                       path, node.kind_name()));
  }
  if (entry) {
    entry->location = reader.location(node.at);
    entry->location.target = target;
    entry->location.table = entry->pattern.to_string();
  }
  return entry;
}

} // namespace pgsplit::config
