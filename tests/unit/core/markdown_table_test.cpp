#include <pgsplit/core/markdown_table.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::core;

TEST_CASE("a Markdown table aligns its columns in the raw text too", "[core][markdown]") {
  MarkdownTable table({{"table"}, {"rows", Align::right}});
  table.add_row({markdown_code("public.users"), "1,204"});
  table.add_row({markdown_code("a"), "7"});
  CHECK(table.render() == "| table          |  rows |\n"
                          "| :------------- | ----: |\n"
                          "| `public.users` | 1,204 |\n"
                          "| `a`            |     7 |\n");
  CHECK(table.size() == 2);
}

TEST_CASE("a Markdown table without rows keeps its header, and short rows are padded",
          "[core][markdown]") {
  MarkdownTable empty({{"a"}, {"b", Align::right}});
  CHECK(empty.empty());
  CHECK(empty.render() == "| a    |    b |\n| :--- | ---: |\n");
  MarkdownTable table({{"name"}, {"what"}});
  table.add_row({"x"});
  table.add_row({"y", "z", "dropped"});
  CHECK(table.render() == "| name | what |\n"
                          "| :--- | :--- |\n"
                          "| x    |      |\n"
                          "| y    | z    |\n");
}

TEST_CASE("a Markdown table pads by code points, not bytes", "[core][markdown]") {
  MarkdownTable table({{"table"}});
  table.add_row({"a → b"});
  table.add_row({"abcdef"});
  CHECK(table.render() == "| table  |\n| :----- |\n| a → b  |\n| abcdef |\n");
}

TEST_CASE("markdown_text escapes what Markdown interprets and drops terminal escapes",
          "[core][markdown]") {
  CHECK(markdown_text("plain words, 1,234 rows") == "plain words, 1,234 rows");
  CHECK(markdown_text("a|b") == "a\\|b");
  CHECK(markdown_text("*x* _y_ [l](u) <b> #1 \\") == "\\*x\\* \\_y\\_ \\[l\\](u) \\<b\\> #1 \\\\");
  CHECK(markdown_text("# not a heading") == "\\# not a heading");
  CHECK(markdown_text("foreign key user_id_fkey") == "foreign key user_id_fkey");
  CHECK(markdown_text("run `pgsplit verify --references | x` later") ==
        "run `pgsplit verify --references \\| x` later");
  CHECK(markdown_text("an odd ` tick") == "an odd \\` tick");
  CHECK(markdown_text("red \x1b[31mERR\x1b[0m\nnext\tcol") == "red  \\[31mERR \\[0m next col");
}

TEST_CASE("markdown_code makes a code span that survives a table cell", "[core][markdown]") {
  CHECK(markdown_code("public.users") == "`public.users`");
  CHECK(markdown_code("a|b") == "`a\\|b`");
  CHECK(markdown_code("say `hi`") == "`` say `hi` ``");
  CHECK(markdown_code("a``b") == "```a``b```");
  CHECK(markdown_code("line\nbreak") == "`line break`");
}
