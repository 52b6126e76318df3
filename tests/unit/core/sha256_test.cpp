#include <pgsplit/core/sha256.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;

TEST_CASE("sha256_hex prints lowercase hex as sha256sum does", "[core]") {
  // printf 'abc' | sha256sum ; printf '' | sha256sum
  CHECK(core::sha256_hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(core::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("sha384_hex prints lowercase hex as sha384sum does", "[core]") {
  // printf 'abc' | sha384sum ; printf '' | sha384sum
  CHECK(core::sha384_hex("abc") ==
        "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
        "8086072ba1e7cc2358baeca134c825a7");
  CHECK(core::sha384_hex("") == "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
                                "274edebfe76f65fbd51ad2f14898b95b");
}
