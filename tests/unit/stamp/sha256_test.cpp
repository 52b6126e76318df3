#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/sha256.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace pgsplit;

TEST_CASE("sha256_hex prints lowercase hex as sha256sum does", "[stamp]") {
  // printf 'abc' | sha256sum ; printf '' | sha256sum
  CHECK(stamp::sha256_hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(stamp::sha256_hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("sha256_file_hex hashes a file's bytes and reports unreadable files", "[stamp]") {
  const std::string data_dir = std::string(PGSPLIT_TEST_DATA_DIR) + "/stamp/";
  CHECK(stamp::sha256_file_hex(data_dir + "prisma/20240101000000_init/migration.sql") ==
        "c16d6921fddc29b9cce93c3d22417129a8dea50e9ea14967c9de88eeb7ad536b");
  CHECK_THROWS_AS(stamp::sha256_file_hex(data_dir + "prisma/no_such_file.sql"), core::ConfigError);
}
