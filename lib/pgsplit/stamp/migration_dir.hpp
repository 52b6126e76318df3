#pragma once

#include <pgsplit/core/diagnostic.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace pgsplit::stamp {

// The entries of a migration folder, sorted by path so that every run, on every file system,
// sees the same order. `recursive` descends into subfolders (Flyway scans its locations that
// way); otherwise only the folder's own entries are listed.
// Throws core::ConfigError when the folder is missing, is not a folder or cannot be read.
std::vector<std::filesystem::directory_entry> list_migration_dir(const std::filesystem::path& dir,
                                                                 bool recursive = false);

// A problem found in a migration file or folder, pointing at it (and at its line when known,
// 1-based; 0: the whole file). Every stamp's file errors are built here.
core::Diagnostic file_problem(const std::filesystem::path& file, int line, std::string message,
                              std::string hint);

// The bytes of a migration file. Throws core::ConfigError when it cannot be read.
std::string read_migration_file(const std::filesystem::path& file);

} // namespace pgsplit::stamp
