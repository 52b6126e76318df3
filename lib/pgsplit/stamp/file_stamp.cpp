#include <pgsplit/core/did_you_mean.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/file_stamp.hpp>
#include <pgsplit/stamp/migration_dir.hpp>
#include <pgsplit/stamp/rails_migrations.hpp>
#include <pgsplit/stamp/sha256.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <regex>

namespace pgsplit::stamp {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void fail_at(const core::Location& origin, std::string message, std::string hint) {
  throw core::ConfigError(core::Diagnostic{origin, std::move(message), std::move(hint)});
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

bool version_less(const std::string& a, const std::string& b) {
  return all_digits(a) && all_digits(b) ? version_number_less(a, b) : a < b;
}

// `(?P<name>` or `(?<name>` at `i` (not a lookbehind `(?<=`, `(?<!`): the name's length.
std::size_t named_group_at(std::string_view pattern, std::size_t i, std::string& name) {
  std::size_t start = 0;
  if (pattern.substr(i, 4) == "(?P<") {
    start = i + 4;
  } else if (pattern.substr(i, 3) == "(?<" && pattern.substr(i + 3, 1) != "=" &&
             pattern.substr(i + 3, 1) != "!") {
    start = i + 3;
  } else {
    return 0;
  }
  const auto close = pattern.find('>', start);
  if (close == std::string_view::npos) {
    return 0;
  }
  name = std::string(pattern.substr(start, close - start));
  return close + 1 - i;
}

std::string value_of(const config::FileColumn& column, const MigrationFile& file) {
  using Source = config::FileColumn::Source;
  switch (column.source) {
  case Source::version:
    return file.version;
  case Source::name:
    return file.name;
  case Source::file:
    return file.file.filename().string();
  case Source::sha256:
    return sha256_file_hex(file.file);
  case Source::md5:
    return md5_file_hex(file.file);
  case Source::constant:
    return column.constant;
  case Source::now:
    break;
  }
  return {};
}

} // namespace

FilePattern compile_file_pattern(std::string_view pattern, const core::Location& origin) {
  FilePattern compiled;
  std::size_t group = 0;
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      compiled.regex.append(pattern.substr(i, 2));
      ++i;
      continue;
    }
    in_class = (c == '[' && !in_class) || (in_class && c != ']');
    std::string name;
    if (c == '(' && !in_class) {
      if (const std::size_t length = named_group_at(pattern, i, name); length != 0) {
        compiled.groups[name] = ++group;
        compiled.regex.push_back('(');
        i += length - 1;
        continue;
      }
      group += pattern.substr(i + 1, 1) == "?" ? 0 : 1;
    }
    compiled.regex.push_back(c);
  }
  try {
    const std::regex check(compiled.regex);
  } catch (const std::regex_error& error) {
    fail_at(origin, fmt::format("pattern is not a valid regular expression: {}", error.what()),
            "pattern is matched against each whole file name, e.g. "
            "'(?<version>[0-9]+)_(?<name>.+)\\.sql'");
  }
  if (compiled.groups.count("version") == 0) {
    fail_at(origin, "pattern has no group named version",
            "name the part of the file name holding the version: (?<version>[0-9]+)");
  }
  return compiled;
}

std::vector<MigrationFile> read_migration_files(const fs::path& dir, const FilePattern& pattern) {
  const std::regex regex(pattern.regex);
  const auto name_group = pattern.groups.find("name");
  std::vector<MigrationFile> files;
  for (const auto& entry : list_migration_dir(dir)) {
    std::smatch match;
    const std::string file_name = entry.path().filename().string();
    if (entry.is_regular_file() && std::regex_match(file_name, match, regex)) {
      files.push_back({match[pattern.groups.at("version")].str(),
                       name_group == pattern.groups.end() ? "" : match[name_group->second].str(),
                       entry.path()});
    }
  }
  std::stable_sort(files.begin(), files.end(),
                   [](const auto& a, const auto& b) { return version_less(a.version, b.version); });
  core::Diagnostics problems;
  for (std::size_t i = 1; i < files.size(); ++i) {
    if (files[i].version == files[i - 1].version) {
      core::Diagnostic problem;
      problem.where.file = files[i].file.string();
      problem.message = fmt::format("version {} is also the version of {}", files[i].version,
                                    files[i - 1].file.string());
      problem.hint = "each migration file needs its own version";
      problems.push_back(std::move(problem));
    }
  }
  if (!problems.empty()) {
    throw core::ConfigError(std::move(problems));
  }
  return files;
}

std::vector<MigrationFile> migration_files_up_to(const std::vector<MigrationFile>& files,
                                                 std::string_view version,
                                                 const core::Location& origin) {
  if (files.empty()) {
    fail_at(origin, "no file of migrations_dir matches pattern",
            "pattern must match the whole file name, e.g. '(?<version>[0-9]+)_(?<name>.+)\\.sql'");
  }
  if (version == "latest") {
    return files;
  }
  const auto last = std::find_if(files.begin(), files.end(),
                                 [&](const auto& file) { return file.version == version; });
  if (last == files.end()) {
    std::vector<std::string> versions;
    for (const auto& file : files) {
      versions.push_back(file.version);
    }
    fail_at(origin,
            fmt::format("no migration file has version {}{}", version,
                        core::did_you_mean_suffix(version, versions)),
            "give latest, or the version of one of the files");
  }
  return {files.begin(), last + 1};
}

StampPlan file_stamp_plan(const StampTable& table, const config::StampSettingsA& settings,
                          const FilePattern& pattern, const std::vector<MigrationFile>& files,
                          const core::Location& origin, const QuoteIdent& quote_ident) {
  using Source = config::FileColumn::Source;
  StampPlan plan;
  plan.tool = StampTool::files;
  plan.qualified_table = table.schema.empty() ? quote_ident(table.name)
                                              : fmt::format("{}.{}", quote_ident(table.schema),
                                                            quote_ident(table.name));
  if (!settings.create.empty()) {
    plan.create_statements.push_back(settings.create);
  }
  plan.clear_statement = fmt::format("DELETE FROM {}", plan.qualified_table);
  std::vector<std::string> columns;
  std::vector<std::string> values;
  std::vector<const config::FileColumn*> parameters;
  for (const auto& column : settings.columns) {
    if (column.source == Source::name && pattern.groups.count("name") == 0) {
      fail_at(origin,
              fmt::format("column {} takes the name, but pattern has no name group", column.column),
              "add (?<name>…) to pattern");
    }
    columns.push_back(quote_ident(column.column));
    if (column.source == Source::now) {
      values.emplace_back("now()");
      plan.volatile_columns.push_back(column.column);
      continue;
    }
    parameters.push_back(&column);
    plan.compared_columns.push_back(column.column);
    values.push_back(fmt::format("${}", parameters.size()));
    if (column.source == Source::version) {
      plan.key_columns.push_back(column.column);
      plan.key_positions.push_back(parameters.size() - 1);
    }
  }
  plan.insert_statement = fmt::format("INSERT INTO {} ({}) VALUES ({})", plan.qualified_table,
                                      fmt::join(columns, ", "), fmt::join(values, ", "));
  for (const auto& file : files) {
    std::vector<StampValue> row;
    for (const auto* column : parameters) {
      row.emplace_back(value_of(*column, file));
    }
    plan.rows.push_back(std::move(row));
  }
  plan.summary = fmt::format("files: {} with {} migration{}{}", plan.qualified_table, files.size(),
                             files.size() == 1 ? "" : "s",
                             files.empty() ? "" : ", up to " + files.back().version);
  return plan;
}

std::string md5_file_hex(const fs::path& file) {
  const std::string bytes = read_migration_file(file);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_md5(), nullptr) != 1) {
    throw core::Error("OpenSSL could not compute an MD5 digest");
  }
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += fmt::format("{:02x}", digest[i]);
  }
  return hex;
}

} // namespace pgsplit::stamp
