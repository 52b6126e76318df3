#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pgsplit::stamp {

// (app label, migration name), as Django writes dependencies.
using DjangoKey = std::pair<std::string, std::string>;

// What one Django migration file declares in its `class Migration`.
struct DjangoMigration {
  DjangoKey key;                       // (app, file name without .py)
  std::vector<DjangoKey> dependencies; // `dependencies`; names may be __first__ / __latest__
  std::vector<DjangoKey> run_before;   // `run_before`: these depend on this one
  std::vector<DjangoKey> replaces;     // `replaces`: a squashed migration
  bool swappable = false;              // a swappable_dependency(…) was seen (settings-dependent)
  std::filesystem::path file;
  int line = 0; // of the class statement's first setting, or 1
};

// Reads the source of `file`, migration `name` of `app`. Throws core::ConfigError (file and
// line) when there is no `class Migration`, or a setting is not a list of ('app', 'name')
// tuples pgsplit can read without running Python.
DjangoMigration parse_django_migration(std::string_view source, const std::string& app,
                                       const std::filesystem::path& file);

} // namespace pgsplit::stamp
