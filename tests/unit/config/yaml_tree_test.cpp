#include "support/problems.hpp"

#include <pgsplit/config/yaml_tree.hpp>
#include <pgsplit/core/error.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::config;

namespace {

// "line:col: message" of the single problem parse_yaml reports.
std::string parse_error(std::string_view text) {
  const auto diagnostics = pgsplit::testing::problems_of([&] { parse_yaml(text, "m.yaml"); });
  REQUIRE(diagnostics.size() == 1);
  const auto& d = diagnostics.front();
  CHECK(d.where.file == "m.yaml");
  return pgsplit::testing::located(diagnostics).front();
}

} // namespace

TEST_CASE("parse_yaml keeps values, kinds and 1-based positions", "[config]") {
  const YamlNode root = parse_yaml("a: x\nlist:\n  - 1\n  - [2, 3]\nmap: {k: v}\n", "m.yaml");
  REQUIRE(root.is_mapping());
  REQUIRE(root.entries.size() == 3);
  CHECK(root.entries[0].key == "a");
  CHECK(root.entries[0].at.line == 1);
  CHECK(root.entries[0].at.column == 1);
  CHECK(root.find("a")->scalar == "x");
  CHECK(root.find("a")->at.column == 4);
  const YamlNode* list = root.find("list");
  REQUIRE(list->is_sequence());
  CHECK(list->items[0].scalar == "1");
  CHECK(list->items[0].at.line == 3);
  CHECK(list->items[0].at.column == 5);
  CHECK(list->items[1].is_sequence());
  CHECK(root.find("map")->is_mapping());
  CHECK(root.find("missing") == nullptr);
}

TEST_CASE("parse_yaml keeps duplicate keys, which yaml-cpp accepts", "[config]") {
  const YamlNode root = parse_yaml("t:\n  auth: 1\n  auth: 2\n", "m.yaml");
  const YamlNode* t = root.find("t");
  REQUIRE(t->entries.size() == 2);
  CHECK(t->entries[1].key == "auth");
  CHECK(t->entries[1].at.line == 3);
  CHECK(t->find("auth")->scalar == "1");
}

TEST_CASE("parse_yaml tells null from an empty or quoted string", "[config]") {
  const YamlNode root = parse_yaml("a:\nb: ~\nc: \"\"\nd: \"~\"\ne: null\n", "m.yaml");
  CHECK(root.find("a")->is_null());
  CHECK(root.find("b")->is_null());
  CHECK(root.find("c")->is_scalar());
  CHECK(root.find("d")->scalar == "~");
  CHECK(root.find("e")->is_null());
}

TEST_CASE("parse_yaml places empty values where they are written", "[config]") {
  const YamlNode root = parse_yaml("a:\n\nb:\n  - x\n  -\n  - y\n", "m.yaml");
  // yaml-cpp would point at the next token; the key and the dash are what the user wrote.
  CHECK(root.find("a")->at.line == 1);
  CHECK(root.find("a")->at.column == 1);
  const YamlNode& empty_item = root.find("b")->items[1];
  CHECK(empty_item.is_null());
  CHECK(empty_item.at.line == 5);
  CHECK(empty_item.at.column == 3);
}

TEST_CASE("parse_yaml marks keys that are not scalars", "[config]") {
  const YamlNode root = parse_yaml("? [a, b]\n: 1\nplain: 2\n", "m.yaml");
  REQUIRE(root.entries.size() == 2);
  CHECK(root.entries[0].key_kind == YamlNode::Kind::sequence);
  CHECK_FALSE(root.entries[0].key_is_scalar());
  CHECK(root.entries[1].key_is_scalar());
}

TEST_CASE("parse_yaml returns null for an empty document", "[config]") {
  CHECK(parse_yaml("", "m.yaml").is_null());
  CHECK(parse_yaml("# only a comment\n", "m.yaml").is_null());
}

TEST_CASE("parse_yaml reports malformed YAML at the parser's position", "[config]") {
  CHECK(parse_error("a: [1\nb: 2\n") == "2:2: invalid YAML: end of sequence flow not found");
  CHECK(parse_error("a: b: c\n") == "1:5: invalid YAML: illegal map value");
  CHECK(parse_error("a:\n  - x\n   y: 1\n").rfind("3:", 0) == 0);
}

TEST_CASE("parse_yaml hints at quoting an unquoted leading star", "[config]") {
  CHECK(parse_error("t:\n  - *_log\n") ==
        "2:5: invalid YAML: the referenced anchor is not defined");
  CHECK_THROWS_WITH(parse_yaml("t:\n  - *_log\n", "m.yaml"),
                    Catch::EndsWith("hint: a value starting with * is a YAML alias: quote it, as "
                                    "in \"*_log\""));
}

TEST_CASE("parse_yaml rejects a second document", "[config]") {
  CHECK(parse_error("a: 1\n---\nb: 2\n") ==
        "3:1: more than one YAML document (---) in the mapping file");
  CHECK(parse_yaml("a: 1\n---\n", "m.yaml").is_mapping());
}

// Found by fuzzing (tests/fuzz/corpus/bad-stray-comma-hang.yaml): yaml-cpp's LoadAll never
// returned on a stray comma, and allocated until the machine ran out of memory.
TEST_CASE("parse_yaml reports a stray comma instead of looping forever", "[config]") {
  CHECK(parse_error(",") == "1:1: invalid YAML: unexpected ','");
  CHECK(parse_error("!,") == "1:2: invalid YAML: unexpected ','");
  CHECK(parse_error("a: 1\n---\n, rename: b}\n") == "3:1: invalid YAML: unexpected ','");
}

TEST_CASE("parse_yaml accepts empty documents after the first", "[config]") {
  CHECK(parse_yaml("---\n---\n---\n", "m.yaml").is_null());
  CHECK(parse_yaml("a: 1\n...\n---\n~\n", "m.yaml").is_mapping());
}

TEST_CASE("parse_yaml stops on an alias that contains itself", "[config]") {
  CHECK(parse_error("a: &x [1, *x]\n").find("nests too deeply") != std::string::npos);
}

TEST_CASE("parse_yaml stops on aliases that multiply a subtree", "[config]") {
  std::string yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level <= 6; ++level) {
    yaml += "a" + std::to_string(level) + ": &a" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) {
      yaml += (i == 0 ? "*a" : ", *a") + std::to_string(level - 1);
    }
    yaml += "]\n";
  }
  CHECK(parse_error(yaml).find("the document is too large") != std::string::npos);
}

// Found by fuzzing (tests/fuzz/corpus/bad-alias-bomb-long-strings.yaml): few nodes, but a 4 KiB
// file grew to gigabytes of copies of one string.
TEST_CASE("parse_yaml stops on aliases that multiply a long string", "[config]") {
  std::string yaml = "a0: &a0 \"" + std::string(8 * 1024, 'x') + "\"\n"; // 10^4 copies: 80 MiB
  for (int level = 1; level <= 4; ++level) {
    yaml += "a" + std::to_string(level) + ": &a" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) {
      yaml += (i == 0 ? "*a" : ", *a") + std::to_string(level - 1);
    }
    yaml += "]\n";
  }
  CHECK(parse_error(yaml).find("the document is too large") != std::string::npos);
  // The same string without the multiplying aliases is fine.
  CHECK(parse_yaml("a0: \"" + std::string(8 * 1024, 'x') + "\"\n", "m.yaml").is_mapping());
}

// The limits on aliases grow with the file: a big generated mapping is never refused.
TEST_CASE("parse_yaml accepts a large document without aliases", "[config]") {
  std::string yaml = "t: [a";
  for (int i = 0; i < 200'000; ++i) { // more nodes than aliases may add
    yaml += ",a";
  }
  yaml += "]\nlong: " + std::string(5 * 1024 * 1024, 'x') + "\n"; // more text than they may add
  const YamlNode root = parse_yaml(yaml, "m.yaml");
  CHECK(root.find("t")->items.size() == 200'001);
  CHECK(root.find("long")->scalar.size() == 5 * 1024 * 1024);
}

TEST_CASE("YamlNode::kind_name describes each kind for messages", "[config]") {
  const YamlNode root = parse_yaml("s: x\nl: []\nm: {}\nn:\n", "m.yaml");
  CHECK(root.find("s")->kind_name() == "a string");
  CHECK(root.find("l")->kind_name() == "a list");
  CHECK(root.find("m")->kind_name() == "a mapping");
  CHECK(root.find("n")->kind_name() == "nothing (null)");
}
