#include <pgsplit/config/column_config.hpp>

#include <algorithm>

namespace pgsplit::config {
namespace {

const std::vector<std::string> change_keys = {"rename", "type", "using"};

constexpr std::string_view change_hint =
    "write drop, {rename: new_name}, or {type: text, using: \"lpad(ean::bigint::text, 13, '0')\"}";

void read_change_mapping(FieldReader& reader, const YamlNode& node, std::string_view path,
                         ColumnChange& change) {
  reader.check_keys(node, path, change_keys);
  if (const YamlNode* rename = node.find("rename")) {
    change.rename = reader.non_empty_text(*rename, join_path(path, "rename"));
  }
  if (const YamlNode* type = node.find("type")) {
    change.type = reader.non_empty_text(*type, join_path(path, "type"));
  }
  if (const YamlNode* expression = node.find("using")) {
    change.expression = reader.non_empty_text(*expression, join_path(path, "using"));
    if (node.find("type") == nullptr) {
      reader.report(node.at, fmt::format("{}: using needs type, the type it produces", path),
                    "add type: <the target column's type>");
    }
  }
  if (node.find("rename") == nullptr && node.find("type") == nullptr &&
      node.find("using") == nullptr) {
    reader.report(node.at, fmt::format("{}: expected rename, type or using", path),
                  std::string(change_hint));
  }
}

ColumnChange read_change(FieldReader& reader, const YamlEntry& entry, std::string_view path) {
  ColumnChange change;
  change.column = entry.key;
  change.location = reader.location(entry.at);
  const YamlNode& value = entry.value;
  if (value.is_mapping()) {
    read_change_mapping(reader, value, path, change);
  } else if (value.is_scalar() && value.scalar == "drop") {
    change.drop = true;
  } else {
    reader.report(value.at,
                  value.is_scalar() ? fmt::format("{}: expected drop or a mapping, got '{}'", path,
                                                  FieldReader::shown(value))
                                    : fmt::format("{}: expected drop or a mapping, got {}", path,
                                                  value.kind_name()),
                  std::string(change_hint));
  }
  return change;
}

} // namespace

std::vector<ColumnChange> read_column_changes(FieldReader& reader, const YamlNode& node,
                                              std::string_view path) {
  if (!node.is_mapping() || node.entries.empty()) {
    reader.report(node.at,
                  node.is_mapping() ? fmt::format("{}: expected at least one column", path)
                                    : fmt::format("{}: expected a mapping of column names, got {}",
                                                  path, node.kind_name()),
                  "write columns: {legacy_flag: drop}");
    return {};
  }
  reader.check_keys(node, path, {}, "column");
  std::vector<ColumnChange> changes;
  for (const YamlEntry& entry : node.entries) {
    const bool duplicate =
        std::any_of(changes.begin(), changes.end(),
                    [&](const ColumnChange& seen) { return seen.column == entry.key; });
    if (entry.key_is_scalar() && !entry.key.empty() && !duplicate) {
      changes.push_back(read_change(reader, entry, join_path(path, entry.key)));
    }
  }
  return changes;
}

bool read_key(FieldReader& reader, const YamlNode& node, std::string_view path) {
  const auto text = reader.text(node, path);
  if (text && *text != "uuid") {
    reader.report(node.at,
                  fmt::format("{}: expected uuid, got '{}'", path, FieldReader::shown(node)),
                  "write key: uuid, or leave it out");
  }
  return text == "uuid";
}

} // namespace pgsplit::config
