#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/django_migration_file.hpp>
#include <pgsplit/stamp/migration_dir.hpp>
#include <pgsplit/stamp/python_assignments.hpp>
#include <pgsplit/stamp/python_literal.hpp>

#include <fmt/format.h>

namespace pgsplit::stamp {
namespace {

constexpr const char* literal_hint =
    "pgsplit reads migration files without running them: write dependencies as a list of "
    "('app', 'migration') tuples, as makemigrations does";

[[noreturn]] void fail(const std::filesystem::path& file, int line, std::string message,
                       std::string hint = literal_hint) {
  throw core::ConfigError(file_problem(file, line, std::move(message), std::move(hint)));
}

// The items of `[a, b, …]` or `(a, b, …)`: commas inside strings and brackets do not split.
std::optional<std::vector<std::string>> top_level_items(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  if (text.size() < 2 || !((text.front() == '[' && text.back() == ']') ||
                           (text.front() == '(' && text.back() == ')'))) {
    return std::nullopt;
  }
  text = text.substr(1, text.size() - 2);
  std::vector<std::string> items;
  std::string current;
  int depth = 0;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      current.push_back(c);
      if (c == '\\' && i + 1 < text.size()) {
        current.push_back(text[++i]);
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      --depth;
    } else if (c == ',' && depth == 0) {
      items.push_back(current);
      current.clear();
      continue;
    }
    current.push_back(c);
  }
  items.push_back(current);
  std::vector<std::string> trimmed;
  for (auto& item : items) {
    const auto first = item.find_first_not_of(" \t");
    if (first != std::string::npos) { // a trailing comma leaves an empty item
      trimmed.push_back(item.substr(first, item.find_last_not_of(" \t") - first + 1));
    }
  }
  return trimmed;
}

std::vector<DjangoKey> read_keys(const PythonAssignment& assignment,
                                 const std::filesystem::path& file, bool& swappable) {
  const auto items = top_level_items(assignment.value);
  if (!items) {
    fail(file, assignment.line,
         fmt::format("cannot read {} = {}: a list is expected", assignment.name, assignment.value));
  }
  std::vector<DjangoKey> keys;
  for (const auto& item : *items) {
    // swappable_dependency(settings.AUTH_USER_MODEL) names an app only the settings know; it
    // orders nothing among the migrations a stamp writes.
    if (item.find("swappable_dependency(") != std::string::npos) {
      swappable = true;
      continue;
    }
    const auto pair = parse_python_literal(item);
    if (!pair || pair->kind != PythonLiteral::Kind::sequence || pair->strings.size() != 2) {
      fail(file, assignment.line,
           fmt::format("cannot read {} item {}: an ('app', 'migration') tuple is expected",
                       assignment.name, item));
    }
    keys.emplace_back(pair->strings[0], pair->strings[1]);
  }
  return keys;
}

} // namespace

DjangoMigration parse_django_migration(std::string_view source, const std::string& app,
                                       const std::filesystem::path& file) {
  DjangoMigration migration;
  migration.key = {app, file.stem().string()};
  migration.file = file;
  migration.line = 1;
  const auto assignments = class_assignments(source, "Migration");
  const bool has_class = source.find("class Migration(") != std::string_view::npos ||
                         source.find("class Migration:") != std::string_view::npos;
  if (!has_class) {
    fail(file, 1, "no class Migration in this file",
         "Django refuses such a file too (BadMigrationError): every .py of a migrations folder "
         "not starting with _ or ~ must define class Migration");
  }
  for (const auto& assignment : assignments) {
    if (assignment.name == "dependencies") {
      migration.dependencies = read_keys(assignment, file, migration.swappable);
      migration.line = assignment.line;
    } else if (assignment.name == "run_before") {
      migration.run_before = read_keys(assignment, file, migration.swappable);
    } else if (assignment.name == "replaces") {
      migration.replaces = read_keys(assignment, file, migration.swappable);
    }
  }
  return migration;
}

} // namespace pgsplit::stamp
