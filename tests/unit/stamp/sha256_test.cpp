#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/sha256.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace pgsplit;

TEST_CASE("sha256_file_hex hashes a file's bytes and reports unreadable files", "[stamp]") {
  const std::string data_dir = std::string(PGSPLIT_TEST_DATA_DIR) + "/stamp/";
  CHECK(stamp::sha256_file_hex(data_dir + "prisma/20240101000000_init/migration.sql") ==
        "c16d6921fddc29b9cce93c3d22417129a8dea50e9ea14967c9de88eeb7ad536b");
  CHECK_THROWS_AS(stamp::sha256_file_hex(data_dir + "prisma/no_such_file.sql"), core::ConfigError);
}
