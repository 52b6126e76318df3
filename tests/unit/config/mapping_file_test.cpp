#include "support/problems.hpp"

#include <pgsplit/config/mapping_file.hpp>
#include <pgsplit/core/error.hpp>

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace pgsplit::config;

namespace {

const std::filesystem::path data_dir = std::filesystem::path(PGSPLIT_TEST_DATA_DIR) / "config";

pgsplit::core::Diagnostic failure_of(const std::filesystem::path& file) {
  const auto diagnostics = pgsplit::testing::problems_of([&] { read_mapping_file(file); });
  REQUIRE(diagnostics.size() == 1);
  return diagnostics.front();
}

// A scratch directory of this test process, removed at the end of the test.
struct ScratchDir {
  ScratchDir()
      : path(std::filesystem::temp_directory_path() /
             ("pgsplit-config-test-" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::permissions(path / "locked.yaml", std::filesystem::perms::owner_all, ignored);
    std::filesystem::remove_all(path, ignored);
  }
  std::filesystem::path path;
};

} // namespace

TEST_CASE("read_mapping_file returns the whole text", "[config]") {
  const std::string text = read_mapping_file(data_dir / "full.yaml");
  CHECK(text.rfind("# A mapping file", 0) == 0);
  CHECK(text.find("cross_target_foreign_keys: fail") != std::string::npos);
}

TEST_CASE("read_mapping_file explains a missing file", "[config]") {
  const auto d = failure_of(data_dir / "missing.yaml");
  CHECK(d.where.file == (data_dir / "missing.yaml").string());
  CHECK(d.where.line == 0);
  CHECK(d.message == "no such file");
  CHECK(d.hint == "pass the mapping file with -c FILE, or create ./pgsplit.yaml");
}

TEST_CASE("read_mapping_file refuses a directory", "[config]") {
  const auto d = failure_of(data_dir);
  CHECK(d.where.file == data_dir.string());
  CHECK(d.message == "is a directory, not a mapping file");
}

TEST_CASE("read_mapping_file treats a path through a file as missing", "[config]") {
  const auto file = data_dir / "full.yaml" / "inside.yaml";
  const auto d = failure_of(file);
  CHECK(d.where.file == file.string());
  CHECK(d.message == "no such file");
}

TEST_CASE("read_mapping_file reports an unreadable file", "[config]") {
  const ScratchDir scratch;
  const auto file = scratch.path / "locked.yaml";
  std::ofstream(file) << "source: {}\n";
  std::filesystem::permissions(file, std::filesystem::perms::none);
  if (::geteuid() == 0) {
    // root reads it anyway: the permission check cannot be provoked, only the success path.
    CHECK(read_mapping_file(file) == "source: {}\n");
    return;
  }
  const auto d = failure_of(file);
  CHECK(d.where.file == file.string());
  CHECK(d.message == "cannot read: Permission denied");
}
