#include <pgsplit/core/byte_size.hpp>

#include <catch2/catch.hpp>

#include <limits>

using pgsplit::core::format_bytes;
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

TEST_CASE("sizes are shown like pg_size_pretty, with one decimal, everywhere", "[core]") {
  CHECK(format_bytes(0) == "0 B");
  CHECK(format_bytes(-5) == "0 B");
  CHECK(format_bytes(1023) == "1023 B");
  CHECK(format_bytes(1024) == "1.0 kB");
  CHECK(format_bytes(1536) == "1.5 kB");
  CHECK(format_bytes(12897485) == "12.3 MB");
  CHECK(format_bytes(1048575) == "1.0 MB"); // not "1024.0 kB"
  CHECK(format_bytes(std::int64_t{5} << 40) == "5.0 TB");
  CHECK(format_bytes(std::numeric_limits<std::int64_t>::max()) == "8.0 EB");
}
