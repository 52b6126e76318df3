#include <pgsplit/core/byte_size.hpp>

#include <catch2/catch.hpp>

using pgsplit::core::describe_byte_size;
using pgsplit::core::parse_byte_size;

TEST_CASE("byte sizes are read with PostgreSQL's units (powers of 1024)") {
  CHECK(parse_byte_size("0") == 0);
  CHECK(parse_byte_size("4096") == 4096);
  CHECK(parse_byte_size("512kB") == 512 * 1024);
  CHECK(parse_byte_size("256MB") == 256LL * 1024 * 1024);
  CHECK(parse_byte_size("1GB") == 1LL << 30);
  CHECK(parse_byte_size("2 TB") == 2LL << 40);
}

TEST_CASE("byte sizes that are not sizes are refused") {
  CHECK_FALSE(parse_byte_size(""));
  CHECK_FALSE(parse_byte_size("GB"));
  CHECK_FALSE(parse_byte_size("-1GB"));
  CHECK_FALSE(parse_byte_size("1 gigabyte"));
  CHECK_FALSE(parse_byte_size("1gb")); // PostgreSQL's units are case-sensitive
  CHECK_FALSE(parse_byte_size("1.5GB"));
  CHECK_FALSE(parse_byte_size("99999999999TB")); // overflows 64 bits
}

TEST_CASE("byte sizes are described with the largest unit that fits") {
  CHECK(describe_byte_size(512) == "512 bytes");
  CHECK(describe_byte_size(1536) == "1.5 kB");
  CHECK(describe_byte_size(1LL << 30) == "1.0 GB");
}
