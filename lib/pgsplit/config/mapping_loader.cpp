#include <pgsplit/config/field_reader.hpp>
#include <pgsplit/config/mapping_file.hpp>
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/config/options_config.hpp>
#include <pgsplit/config/table_config.hpp>
#include <pgsplit/config/target_config.hpp>
#include <pgsplit/config/yaml_tree.hpp>
#include <pgsplit/core/error.hpp>

#include <algorithm>
#include <set>

namespace pgsplit::config {
namespace {

const std::vector<std::string> top_keys = {"source", "exclude", "targets", "options"};
const std::vector<std::string> source_keys = {"url", "schemas", "replication_url"};

void read_schemas(FieldReader& reader, const YamlNode& node, Source& source) {
  if (!node.is_sequence()) {
    reader.report(
        node.at,
        fmt::format("source.schemas: expected a list of schema names, got {}", node.kind_name()),
        "write schemas: [public]");
    return;
  }
  if (node.items.empty()) {
    reader.report(node.at, "source.schemas: expected at least one schema",
                  "leave schemas out to take every user schema");
  }
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const YamlNode& item = node.items[i];
    auto schema = reader.non_empty_text(item, index_path("source.schemas", i));
    if (schema && !seen.insert(*schema).second) {
      reader.report(item.at, fmt::format("source.schemas: schema '{}' is listed twice",
                                         FieldReader::shown(item)));
    } else if (schema) {
      source.schemas.push_back(std::move(*schema));
    }
  }
}

Source read_source(FieldReader& reader, const YamlEntry& entry) {
  Source source;
  source.location = reader.location(entry.at);
  if (!reader.expect_mapping(entry.value, "source", "a mapping with url (and schemas)")) {
    return source;
  }
  reader.check_keys(entry.value, "source", source_keys);
  if (const YamlNode* url = reader.require(entry.value, "url", "source", entry.at)) {
    source.url = reader.connection_url(*url, "source.url").value_or("");
  }
  if (const YamlNode* replication = entry.value.find("replication_url")) {
    source.replication_url =
        reader.connection_url(*replication, "source.replication_url").value_or("");
  }
  if (const YamlNode* schemas = entry.value.find("schemas")) {
    read_schemas(reader, *schemas, source);
  }
  return source;
}

std::vector<ExcludeEntry> read_exclude(FieldReader& reader, const YamlNode& node) {
  std::vector<ExcludeEntry> exclude;
  if (!node.is_sequence()) {
    reader.report(node.at,
                  fmt::format("exclude: expected a list of table names, got {}", node.kind_name()),
                  "write exclude: [\"public.tmp_*\"]");
    return exclude;
  }
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const YamlNode& item = node.items[i];
    if (auto pattern = read_name_pattern(reader, item, index_path("exclude", i))) {
      exclude.push_back(ExcludeEntry{std::move(*pattern), reader.location(item.at)});
    }
  }
  return exclude;
}

// Sections in the order the file reads best to a human; diagnostics are sorted afterwards.
Mapping read_mapping(FieldReader& reader, const YamlNode& root,
                     const std::filesystem::path& file_name) {
  Mapping mapping;
  mapping.file = file_name;
  mapping.options.location = reader.location({});
  reader.check_keys(root, "", top_keys);
  if (reader.require(root, "source", "", root.at) != nullptr) {
    mapping.source = read_source(reader, *root.entry("source"));
  }
  if (const YamlNode* exclude = root.find("exclude")) {
    mapping.exclude = read_exclude(reader, *exclude);
  }
  if (reader.require(root, "targets", "", root.at) != nullptr) {
    const YamlEntry& targets = *root.entry("targets");
    mapping.targets = read_targets(reader, targets.value, targets.at, file_name.parent_path());
  }
  if (const YamlEntry* options = root.entry("options")) {
    mapping.options = read_options(reader, options->value, options->at);
  }
  return mapping;
}

[[noreturn]] void throw_sorted(const FieldReader& reader) {
  core::Diagnostics diagnostics = reader.diagnostics();
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const auto& a, const auto& b) {
    return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
  });
  if (reader.dropped() > 0) {
    diagnostics.push_back(core::Diagnostic{
        reader.location({}), fmt::format("{} more problems not shown", reader.dropped()),
        "fix the problems above and run again"});
  }
  throw core::ConfigError(std::move(diagnostics));
}

} // namespace

Mapping parse_mapping(std::string_view yaml_text, const std::filesystem::path& file_name,
                      const Environment& env) {
  const YamlNode root = parse_yaml(yaml_text, file_name.string());
  FieldReader reader(file_name.string(), env);
  if (root.is_null()) {
    reader.report({}, "the mapping file is empty", "it needs at least source and targets");
    throw_sorted(reader);
  }
  if (!reader.expect_mapping(root, "", "a mapping with source and targets")) {
    throw_sorted(reader);
  }
  Mapping mapping = read_mapping(reader, root, file_name);
  if (!reader.diagnostics().empty()) {
    throw_sorted(reader);
  }
  return mapping;
}

Mapping load_mapping(const std::filesystem::path& file, const Environment& env) {
  return parse_mapping(read_mapping_file(file), file, env);
}

} // namespace pgsplit::config
