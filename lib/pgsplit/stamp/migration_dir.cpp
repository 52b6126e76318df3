#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/migration_dir.hpp>

#include <fmt/format.h>

#include <system_error>

#include <algorithm>
#include <fstream>

namespace pgsplit::stamp {
namespace fs = std::filesystem;
namespace {

// Relative paths are the usual cause of a "missing" folder: say how they are resolved.
constexpr const char* relative_path_hint =
    "paths in the mapping file are relative to the folder of the mapping file";

[[noreturn]] void fail(const fs::path& where, std::string message, std::string hint) {
  throw core::ConfigError(file_problem(where, 0, std::move(message), std::move(hint)));
}

void check_is_folder(const fs::path& dir) {
  std::error_code error;
  const fs::file_status status = fs::status(dir, error);
  if (status.type() == fs::file_type::not_found) {
    fail(dir, "migration folder does not exist", relative_path_hint);
  }
  if (error) {
    fail(dir, fmt::format("cannot read migration folder: {}", error.message()),
         "check the folder's permissions");
  }
  if (status.type() != fs::file_type::directory) {
    fail(dir, "is not a folder; a migration folder is expected here", relative_path_hint);
  }
}

template <typename Iterator> std::vector<fs::directory_entry> collect(const fs::path& dir) {
  std::error_code error;
  std::vector<fs::directory_entry> entries;
  Iterator it(dir, error);
  for (; !error && it != Iterator(); it.increment(error)) {
    entries.push_back(*it);
  }
  if (error) {
    fail(dir, fmt::format("cannot read migration folder: {}", error.message()),
         "check the folder's permissions");
  }
  return entries;
}

} // namespace

std::vector<fs::directory_entry> list_migration_dir(const fs::path& dir, bool recursive) {
  check_is_folder(dir);
  auto entries = recursive ? collect<fs::recursive_directory_iterator>(dir)
                           : collect<fs::directory_iterator>(dir);
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.path() < b.path(); });
  return entries;
}

core::Diagnostic file_problem(const std::filesystem::path& file, int line, std::string message,
                              std::string hint) {
  core::Diagnostic diagnostic;
  diagnostic.where.file = file.string();
  diagnostic.where.line = line;
  diagnostic.message = std::move(message);
  diagnostic.hint = std::move(hint);
  return diagnostic;
}

std::string read_migration_file(const fs::path& file) {
  std::error_code error;
  if (!fs::is_regular_file(file, error)) {
    fail(file, "migration file does not exist or is not a regular file", relative_path_hint);
  }
  std::ifstream in(file, std::ios::binary);
  if (!in.is_open()) {
    fail(file, "cannot open migration file", "check the file's permissions");
  }
  // Sized read: migration files are small, and this avoids a character-by-character copy.
  const auto size = fs::file_size(file, error);
  std::string bytes(error ? 0 : size, '\0');
  if (error || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    fail(file, "cannot read migration file", "check the file's permissions");
  }
  return bytes;
}

} // namespace pgsplit::stamp
