#include <pgsplit/stamp/uuid.hpp>

#include <catch2/catch.hpp>

#include <regex>
#include <set>

using namespace pgsplit;

TEST_CASE("format_uuid_v4 sets the version and variant bits", "[stamp]") {
  std::array<unsigned char, 16> ones{};
  ones.fill(0xff);
  CHECK(stamp::format_uuid_v4(ones) == "ffffffff-ffff-4fff-bfff-ffffffffffff");
  CHECK(stamp::format_uuid_v4({}) == "00000000-0000-4000-8000-000000000000");
}

TEST_CASE("random_uuid_v4 gives distinct canonical version 4 UUIDs", "[stamp]") {
  const std::regex canonical("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const auto id = stamp::random_uuid_v4();
    CHECK(std::regex_match(id, canonical));
    seen.insert(id);
  }
  CHECK(seen.size() == 100);
}
