#include <pgsplit/verify/copy_lines.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::verify;

TEST_CASE("decode_copy_line splits on tabs and undoes COPY's escapes", "[verify]") {
  CHECK(decode_copy_line("1\tabc") == CopyRow{"1", "abc"});
  CHECK(decode_copy_line("") == CopyRow{""});
  CHECK(decode_copy_line("\\N\t") == CopyRow{std::nullopt, ""});
  CHECK(decode_copy_line("a\\tb\\nc\\\\d\\re") == CopyRow{"a\tb\nc\\d\re"});
  CHECK(decode_copy_line("\\b\\f\\v") == CopyRow{"\b\f\v"});
  CHECK(decode_copy_line("\\101\\x42\\x4a\\7") == CopyRow{std::string("ABJ\x07")});
  // "\N" inside a longer field is not NULL; an escaped other character is itself.
  CHECK(decode_copy_line("x\\N\t\\q") == CopyRow{"xN", "q"});
  CHECK(decode_copy_line("unicode é 日本") == CopyRow{"unicode é 日本"});
}
