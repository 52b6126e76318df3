#include <pgsplit/core/did_you_mean.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/alembic_history.hpp>
#include <pgsplit/stamp/migration_dir.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

namespace pgsplit::stamp {
namespace fs = std::filesystem;
namespace {

core::Diagnostic problem_at(const AlembicRevision& revision, std::string message,
                            std::string hint) {
  return file_problem(revision.file, revision.line, std::move(message), std::move(hint));
}

bool is_revision_file(const fs::directory_entry& entry) {
  const std::string name = entry.path().filename().string();
  // Hidden files include editor lock files (.#x.py), which Alembic skips as well.
  return entry.is_regular_file() && entry.path().extension() == ".py" && name != "__init__.py" &&
         name.front() != '.';
}

std::vector<std::string> revision_ids(const AlembicHistory& history) {
  std::vector<std::string> ids;
  for (const auto& revision : history.revisions) {
    ids.push_back(revision.revision);
  }
  return ids;
}

// Duplicate ids and dangling parents: Alembic refuses both, so a stamp must not guess.
void check_graph(const AlembicHistory& history, core::Diagnostics& problems) {
  std::map<std::string, const AlembicRevision*> by_id;
  for (const auto& revision : history.revisions) {
    auto [it, inserted] = by_id.emplace(revision.revision, &revision);
    if (!inserted) {
      problems.push_back(problem_at(revision,
                                    fmt::format("revision '{}' is also defined in {}",
                                                revision.revision, it->second->file.string()),
                                    "revision ids must be unique: give one of the files a new id"));
    }
  }
  const auto ids = revision_ids(history);
  for (const auto& revision : history.revisions) {
    for (const auto& parent : revision.down_revisions) {
      if (parent == revision.revision) {
        problems.push_back(
            problem_at(revision, fmt::format("revision '{}' names itself as down_revision", parent),
                       "down_revision must name the previous migration"));
      } else if (by_id.count(parent) == 0) {
        problems.push_back(problem_at(
            revision,
            fmt::format("down_revision '{}' is not defined by any file of {}{}", parent,
                        history.versions_dir.string(), core::did_you_mean_suffix(parent, ids)),
            "a migration file is missing from the folder, or the id is misspelt"));
      }
    }
  }
}

[[noreturn]] void fail_at(const core::Location& origin, std::string message, std::string hint) {
  throw core::ConfigError(core::Diagnostic{origin, std::move(message), std::move(hint)});
}

// Alembic accepts a unique prefix of an id on its command line; a stamp writes the id itself,
// so a prefix is refused but the full id is suggested.
std::string suggestion(const AlembicHistory& history, std::string_view version) {
  std::vector<std::string> prefixed;
  for (const auto& revision : history.revisions) {
    if (revision.revision.rfind(version, 0) == 0) {
      prefixed.push_back(revision.revision);
    }
  }
  if (prefixed.size() == 1) {
    return fmt::format("; did you mean '{}'?", prefixed.front());
  }
  return core::did_you_mean_suffix(version, revision_ids(history));
}

std::vector<std::string> resolve_heads(const AlembicHistory* history, std::string_view version,
                                       bool all_heads, const core::Location& origin) {
  if (history == nullptr) {
    fail_at(origin, fmt::format("version '{}' needs the migration files", version),
            "set versions_dir to the service's Alembic versions folder, or give a revision id");
  }
  auto heads = alembic_heads(*history);
  if (heads.empty()) {
    fail_at(origin, fmt::format("no Alembic revision found in {}", history->versions_dir.string()),
            "versions_dir must be the folder holding the migration files (often "
            "alembic/versions)");
  }
  if (heads.size() > 1 && !all_heads && version == "head") {
    fail_at(origin,
            fmt::format("the Alembic history in {} has {} heads: {}",
                        history->versions_dir.string(), heads.size(), fmt::join(heads, ", ")),
            "merge them (alembic merge heads), or set heads: all to stamp every head");
  }
  return heads;
}

} // namespace

AlembicHistory read_alembic_history(const fs::path& versions_dir) {
  AlembicHistory history{versions_dir, {}};
  core::Diagnostics problems;
  for (const auto& entry : list_migration_dir(versions_dir)) {
    if (!is_revision_file(entry)) {
      continue;
    }
    try {
      if (auto revision = parse_alembic_revision(read_migration_file(entry.path()), entry.path())) {
        history.revisions.push_back(std::move(*revision));
      }
    } catch (const core::ConfigError& error) { // report every bad file at once
      problems.insert(problems.end(), error.diagnostics().begin(), error.diagnostics().end());
    }
  }
  check_graph(history, problems);
  if (problems.empty() && !history.revisions.empty() && alembic_heads(history).empty()) {
    problems.push_back(problem_at(history.revisions.front(),
                                  "the revisions form a cycle: the history has no head",
                                  "check the down_revision of each file"));
  }
  if (!problems.empty()) {
    throw core::ConfigError(std::move(problems));
  }
  return history;
}

std::vector<std::string> alembic_heads(const AlembicHistory& history) {
  std::set<std::string_view> parents;
  for (const auto& revision : history.revisions) {
    parents.insert(revision.down_revisions.begin(), revision.down_revisions.end());
  }
  std::vector<std::string> heads;
  for (const auto& revision : history.revisions) {
    if (parents.count(revision.revision) == 0) {
      heads.push_back(revision.revision);
    }
  }
  return heads;
}

std::vector<std::string> resolve_alembic_version(const AlembicHistory* history,
                                                 std::string_view version, bool all_heads,
                                                 const core::Location& origin) {
  if (version == "head" || version == "heads") {
    return resolve_heads(history, version, all_heads, origin);
  }
  if (version.empty() || version.size() > alembic_revision_max_length) {
    fail_at(origin, fmt::format("'{}' is not an Alembic revision id", version),
            "give head, heads, or a revision id of at most 32 characters");
  }
  if (history != nullptr) {
    const auto ids = revision_ids(*history);
    if (std::find(ids.begin(), ids.end(), version) == ids.end()) {
      fail_at(origin,
              fmt::format("unknown revision '{}': no file of {} defines it{}", version,
                          history->versions_dir.string(), suggestion(*history, version)),
              "give a revision id defined in versions_dir, or head");
    }
  }
  return {std::string(version)};
}

} // namespace pgsplit::stamp
