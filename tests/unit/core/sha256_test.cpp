#include <pgsplit/core/sha256.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;

TEST_CASE("sha256_hex prints lowercase hex as sha256sum does", "[core]") {
  // printf 'abc' | sha256sum ; printf '' | sha256sum
  CHECK(core::sha256_hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(core::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
