#include <pgsplit/config/mapping_file.hpp>
#include <pgsplit/core/error.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace pgsplit::config {
namespace {

[[noreturn]] void fail(const std::filesystem::path& file, std::string message,
                       std::string hint = {}) {
  throw core::ConfigError(core::Diagnostic{core::Location{file.string(), 0, 0, {}, {}},
                                           std::move(message), std::move(hint)});
}

struct FileCloser {
  void operator()(std::FILE* handle) const { std::fclose(handle); }
};

} // namespace

std::string read_mapping_file(const std::filesystem::path& file) {
  std::error_code error;
  const auto status = std::filesystem::status(file, error);
  if (status.type() == std::filesystem::file_type::not_found) {
    fail(file, "no such file", "pass the mapping file with -c FILE, or create ./pgsplit.yaml");
  }
  if (error) {
    fail(file, fmt::format("cannot read: {}", error.message()));
  }
  if (std::filesystem::is_directory(status)) {
    fail(file, "is a directory, not a mapping file", "pass the YAML file itself with -c FILE");
  }
  // fopen/fread rather than iostreams: they leave an errno to explain the failure.
  const std::unique_ptr<std::FILE, FileCloser> handle(std::fopen(file.c_str(), "rb"));
  if (!handle) {
    fail(file, fmt::format("cannot read: {}", std::strerror(errno)));
  }
  std::string text;
  char buffer[64 * 1024];
  std::size_t count = 0;
  while ((count = std::fread(buffer, 1, sizeof buffer, handle.get())) > 0) {
    text.append(buffer, count);
  }
  if (std::ferror(handle.get()) != 0) {
    fail(file, fmt::format("cannot read: {}", std::strerror(errno)));
  }
  return text;
}

} // namespace pgsplit::config
