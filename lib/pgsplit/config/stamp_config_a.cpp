#include <pgsplit/config/stamp_config_a.hpp>

#include <fmt/format.h>

#include <array>
#include <utility>

namespace pgsplit::config {
namespace {

bool is_symbolic(std::string_view version) { return version == "latest" || version == "head"; }

void read_rails(FieldReader& reader, const YamlNode& settings, std::string_view path,
                StampEntry& stamp) {
  auto& settings_a = stamp.settings_a;
  if (const YamlNode* environment = settings.find("environment")) {
    settings_a.environment = reader.non_empty_text(*environment, join_path(path, "environment"))
                                 .value_or(settings_a.environment);
  }
  settings_a.metadata_table = "ar_internal_metadata";
  if (const YamlNode* table = settings.find("metadata_table")) {
    settings_a.metadata_table = reader.non_empty_text(*table, join_path(path, "metadata_table"))
                                    .value_or(settings_a.metadata_table);
  }
}

// One app: `shop: shop/migrations` or `shop: {migrations_dir: …, version: 0002_x}`.
std::optional<DjangoApp> read_django_app(FieldReader& reader, const YamlEntry& entry,
                                         std::string_view path,
                                         const std::filesystem::path& base_dir) {
  DjangoApp app{entry.key, {}, "latest", reader.location(entry.at)};
  const std::string app_path = join_path(path, entry.key);
  const YamlNode* directory = &entry.value;
  if (entry.value.is_mapping()) {
    reader.check_keys(entry.value, app_path, {"migrations_dir", "version"});
    directory = reader.require(entry.value, "migrations_dir", app_path, entry.at);
    if (const YamlNode* version = entry.value.find("version")) {
      app.version = reader.non_empty_text(*version, join_path(app_path, "version")).value_or("");
      app.version = app.version == "head" ? "latest" : app.version;
    }
  }
  if (directory == nullptr) {
    return std::nullopt;
  }
  const auto text = reader.non_empty_text(*directory, app_path);
  if (!text) {
    return std::nullopt;
  }
  app.directory = resolve(base_dir, *text);
  return app;
}

void read_django(FieldReader& reader, const YamlNode& settings, std::string_view path,
                 Position owner, const std::filesystem::path& base_dir, StampEntry& stamp) {
  stamp.version = "latest";
  if (const YamlNode* version = settings.find("version")) {
    const auto word = reader.non_empty_text(*version, join_path(path, "version"));
    if (word && !is_symbolic(*word)) {
      reader.report(version->at,
                    fmt::format("{}.version: expected 'latest', got '{}'", path, *word),
                    "an explicit migration is given per app: apps: {<app>: {migrations_dir: …, "
                    "version: 0002_…}}");
    }
  }
  const YamlNode* apps = reader.require(settings, "apps", path, owner);
  const std::string apps_path = join_path(path, "apps");
  if (apps == nullptr ||
      !reader.expect_mapping(*apps, apps_path, "a mapping of app label to migrations folder")) {
    return;
  }
  reader.check_keys(*apps, apps_path, {});
  for (const auto& entry : apps->entries) {
    if (auto app = read_django_app(reader, entry, apps_path, base_dir)) {
      stamp.settings_a.apps.push_back(std::move(*app));
    }
  }
  if (apps->entries.empty()) {
    reader.report(apps->at, fmt::format("{}: no app listed", apps_path),
                  "list each app with its migrations folder, e.g. apps: {shop: shop/migrations}");
  }
}

std::optional<FileColumn::Source> source_named(std::string_view word) {
  static const std::array<std::pair<std::string_view, FileColumn::Source>, 6> names{{
      {"version", FileColumn::Source::version},
      {"name", FileColumn::Source::name},
      {"file", FileColumn::Source::file},
      {"sha256", FileColumn::Source::sha256},
      {"md5", FileColumn::Source::md5},
      {"now()", FileColumn::Source::now},
  }};
  for (const auto& [name, source] : names) {
    if (name == word) {
      return source;
    }
  }
  return std::nullopt;
}

std::optional<FileColumn> read_file_column(FieldReader& reader, const YamlEntry& entry,
                                           std::string_view path) {
  const std::string column_path = join_path(path, entry.key);
  FileColumn column{entry.key, FileColumn::Source::constant, {}};
  if (entry.value.is_mapping()) {
    reader.check_keys(entry.value, column_path, {"constant"});
    const YamlNode* constant = reader.require(entry.value, "constant", column_path, entry.at);
    if (constant == nullptr) {
      return std::nullopt;
    }
    column.constant = reader.text(*constant, join_path(column_path, "constant")).value_or("");
    return column;
  }
  const auto word = reader.text(entry.value, column_path);
  if (!word) {
    return std::nullopt;
  }
  if (auto source = source_named(*word)) {
    column.source = *source;
    return column;
  }
  reader.report(
      entry.value.at,
      fmt::format("{}: unknown value source '{}'", column_path, FieldReader::shown(entry.value)),
      "use version, name, file, sha256, md5, now(), or {constant: <text>}");
  return std::nullopt;
}

void read_files(FieldReader& reader, const YamlNode& settings, std::string_view path,
                Position owner, StampEntry& stamp) {
  auto& settings_a = stamp.settings_a;
  if (settings.find("table") == nullptr) {
    reader.require(settings, "table", path, owner);
  }
  if (const YamlNode* pattern = reader.require(settings, "pattern", path, owner)) {
    settings_a.pattern = reader.non_empty_text(*pattern, join_path(path, "pattern")).value_or("");
  }
  if (const YamlNode* create = settings.find("create")) {
    settings_a.create = reader.non_empty_text(*create, join_path(path, "create")).value_or("");
  }
  const YamlNode* columns = reader.require(settings, "columns", path, owner);
  const std::string columns_path = join_path(path, "columns");
  if (columns == nullptr ||
      !reader.expect_mapping(*columns, columns_path, "a mapping of column to value source")) {
    return;
  }
  reader.check_keys(*columns, columns_path, {});
  for (const auto& entry : columns->entries) {
    if (auto column = read_file_column(reader, entry, columns_path)) {
      settings_a.columns.push_back(std::move(*column));
    }
  }
  if (columns->entries.empty()) {
    reader.report(columns->at, fmt::format("{}: no column listed", columns_path),
                  "e.g. columns: {version: version, checksum: sha256, applied_at: now()}");
  }
}

// Sqitch's registry (six tables in the `sqitch` schema, change ids hashed from the plan's
// entries, a registry version checked on every run) has its own file-only writer:
// `sqitch deploy --log-only` records every change of sqitch.plan without running it. pgsplit
// refuses the entry rather than keep a second copy of that schema in step with Sqitch.
void read_sqitch(FieldReader& reader, std::string_view path, Position owner) {
  reader.report(owner, fmt::format("{}: pgsplit does not write Sqitch's registry", path),
                "remove this entry; after the split run `sqitch deploy --log-only <target>` in "
                "the project: Sqitch records every change of sqitch.plan as deployed without "
                "running it (docs/stamping.md, \"sqitch\")");
}

} // namespace

void read_settings_a(FieldReader& reader, const YamlNode& settings, std::string_view path,
                     Position owner, const std::filesystem::path& base_dir, StampEntry& stamp) {
  if (stamp.version == "head") {
    stamp.version = "latest"; // both spellings mean the newest migration of the files
  }
  switch (stamp.tool) {
  case StampTool::rails:
    read_rails(reader, settings, path, stamp);
    break;
  case StampTool::django:
    read_django(reader, settings, path, owner, base_dir, stamp);
    break;
  case StampTool::files:
    read_files(reader, settings, path, owner, stamp);
    break;
  case StampTool::sqitch:
    read_sqitch(reader, path, owner);
    break;
  default: // yoyo: the shared keys only
    break;
  }
}

} // namespace pgsplit::config
