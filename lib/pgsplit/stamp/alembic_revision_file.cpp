#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/alembic_revision_file.hpp>
#include <pgsplit/stamp/migration_dir.hpp>
#include <pgsplit/stamp/python_assignments.hpp>
#include <pgsplit/stamp/python_literal.hpp>

#include <fmt/format.h>

namespace pgsplit::stamp {
namespace {

constexpr const char* literal_hint =
    "pgsplit reads migration files without running them: write revision as a plain string "
    "and down_revision as None, a string, or a tuple of strings";

[[noreturn]] void fail(const std::filesystem::path& file, int line, std::string message,
                       std::string hint = literal_hint) {
  throw core::ConfigError(file_problem(file, line, std::move(message), std::move(hint)));
}

// Python keeps the last assignment of a name: so do we.
const PythonAssignment* last_assignment(const std::vector<PythonAssignment>& assignments,
                                        std::string_view name) {
  const PythonAssignment* found = nullptr;
  for (const auto& assignment : assignments) {
    if (assignment.name == name) {
      found = &assignment;
    }
  }
  return found;
}

std::string read_revision(const PythonAssignment& assignment, const std::filesystem::path& file) {
  const auto value = parse_python_literal(assignment.value);
  if (!value || value->kind != PythonLiteral::Kind::string) {
    fail(file, assignment.line,
         fmt::format("cannot read revision = {}: a string is expected", assignment.value));
  }
  const std::string& revision = value->strings.front();
  if (revision.empty()) {
    fail(file, assignment.line, "revision is an empty string");
  }
  if (revision.size() > alembic_revision_max_length) {
    fail(file, assignment.line,
         fmt::format("revision '{}' is longer than {} characters", revision,
                     alembic_revision_max_length),
         "Alembic's version_num column is varchar(32): Alembic itself could not stamp it");
  }
  return revision;
}

std::vector<std::string> read_down_revisions(const PythonAssignment& assignment,
                                             const std::filesystem::path& file) {
  const auto value = parse_python_literal(assignment.value);
  if (!value) {
    fail(file, assignment.line,
         fmt::format("cannot read down_revision = {}: None, a string or a tuple of strings is "
                     "expected",
                     assignment.value));
  }
  return value->strings; // None gives no parent: a root
}

} // namespace

std::optional<AlembicRevision> parse_alembic_revision(std::string_view source,
                                                      const std::filesystem::path& file) {
  const auto assignments = module_assignments(source);
  const PythonAssignment* revision = last_assignment(assignments, "revision");
  if (revision == nullptr) {
    return std::nullopt;
  }
  const PythonAssignment* down_revision = last_assignment(assignments, "down_revision");
  if (down_revision == nullptr) {
    fail(file, revision->line, "has a revision but no down_revision",
         "Alembic needs both; write down_revision = None for the first migration");
  }
  AlembicRevision parsed;
  parsed.revision = read_revision(*revision, file);
  parsed.down_revisions = read_down_revisions(*down_revision, file);
  parsed.file = file;
  parsed.line = revision->line;
  return parsed;
}

} // namespace pgsplit::stamp
