#include <pgsplit/config/field_reader.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::config;

namespace {

enum class Color { red, green };

std::string_view to_string(Color color) { return color == Color::red ? "red" : "green"; }

struct Fixture {
  explicit Fixture(std::string_view yaml) : root(parse_yaml(yaml, "m.yaml")) {}

  const YamlNode& at(std::string_view key) const { return *root.find(key); }

  // "line:col: message" of every problem so far.
  std::vector<std::string> problems() const {
    std::vector<std::string> out;
    for (const auto& d : reader.diagnostics()) {
      out.push_back(std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " +
                    d.message);
    }
    return out;
  }

  Environment env = fixed_environment({{"ON", "true"}, {"N", "8"}});
  YamlNode root;
  FieldReader reader{"m.yaml", env};
};

using Problems = std::vector<std::string>;

} // namespace

TEST_CASE("FieldReader::text expands variables before returning", "[config]") {
  Fixture f("a: ${N}x\nb: [1]\nc: ${MISSING}\n");
  CHECK(f.reader.text(f.at("a"), "a") == "8x");
  CHECK_FALSE(f.reader.text(f.at("b"), "b"));
  CHECK_FALSE(f.reader.text(f.at("c"), "c"));
  CHECK(f.problems() == Problems{"2:4: b: expected a string, got a list",
                                 "3:4: c: environment variable MISSING is not set"});
  CHECK(f.reader.diagnostics()[1].hint == "export MISSING, or give a default: ${MISSING:-value}");
}

TEST_CASE("FieldReader::boolean accepts true and false only", "[config]") {
  Fixture f("a: true\nb: FALSE\nc: yes please\nd: ${ON}\ne: yes\nf:\n");
  CHECK(f.reader.boolean(f.at("a"), "a") == true);
  CHECK(f.reader.boolean(f.at("b"), "b") == false);
  CHECK_FALSE(f.reader.boolean(f.at("c"), "c"));
  CHECK(f.reader.boolean(f.at("d"), "d") == true);
  CHECK_FALSE(f.reader.boolean(f.at("e"), "e"));
  CHECK_FALSE(f.reader.boolean(f.at("f"), "f"));
  CHECK(f.problems() == Problems{"3:4: c: expected a boolean (true/false), got 'yes please'",
                                 "5:4: e: expected a boolean (true/false), got 'yes'",
                                 "6:1: f: expected a boolean (true/false), got nothing (null)"});
}

TEST_CASE("FieldReader::integer reads whole decimal integers", "[config]") {
  Fixture f("a: 12\nb: -3\nc: 2.5\nd: ${N}\ne: 99999999999999999999\n");
  CHECK(f.reader.integer(f.at("a"), "a") == 12);
  CHECK(f.reader.integer(f.at("b"), "b") == -3);
  CHECK_FALSE(f.reader.integer(f.at("c"), "c"));
  CHECK(f.reader.integer(f.at("d"), "d") == 8);
  CHECK_FALSE(f.reader.integer(f.at("e"), "e"));
  CHECK(f.problems() == Problems{"3:4: c: expected an integer, got '2.5'",
                                 "5:4: e: expected an integer, got '99999999999999999999'"});
}

TEST_CASE("FieldReader::choice lists the valid values and suggests one", "[config]") {
  Fixture f("a: green\nb: gren\nc: blue\n");
  CHECK(f.reader.choice(f.at("a"), "a", {Color::red, Color::green}) == Color::green);
  CHECK_FALSE(f.reader.choice(f.at("b"), "b", {Color::red, Color::green}));
  CHECK_FALSE(f.reader.choice(f.at("c"), "c", {Color::red, Color::green}));
  CHECK(f.problems() ==
        Problems{"2:4: b: expected one of red, green, got 'gren'; did you mean 'green'?",
                 "3:4: c: expected one of red, green, got 'blue'"});
}

// Found by fuzzing (tests/fuzz/corpus/bad-secret-in-messages.yaml): these messages quoted the
// expanded value, so `create_database: ${DB_URL}` printed the URL and its password.
TEST_CASE("FieldReader quotes a wrong value as written, never a variable's value", "[config]") {
  Fixture f("a: ${SECRET}\nb: x${SECRET}\nc: ${SECRET}\n");
  FieldReader reader{"m.yaml", fixed_environment({{"SECRET", "hunter2"}})};
  CHECK_FALSE(reader.boolean(f.at("a"), "a"));
  CHECK_FALSE(reader.integer(f.at("b"), "b"));
  CHECK_FALSE(reader.choice(f.at("c"), "c", {Color::red, Color::green}));
  std::vector<std::string> messages;
  for (const auto& d : reader.diagnostics()) {
    messages.push_back(d.message);
    CHECK(d.to_string().find("hunter2") == std::string::npos);
  }
  CHECK(messages == Problems{"a: expected a boolean (true/false), got '${SECRET}'",
                             "b: expected an integer, got 'x${SECRET}'",
                             "c: expected one of red, green, got '${SECRET}'"});
}

// Found by fuzzing (tests/fuzz/corpus/bad-nul-in-quoted.yaml): libpq, SQL and file names
// would all cut the value at the NUL without a word.
TEST_CASE("FieldReader rejects a value holding a NUL character", "[config]") {
  using namespace std::string_literals; // the raw NUL in b: would end a plain literal
  Fixture f("a: \"host=h\\0dbname=x\"\nb: \"t\0u\"\nc: \"ok\"\n"s);
  CHECK_FALSE(f.reader.text(f.at("a"), "a"));
  CHECK_FALSE(f.reader.non_empty_text(f.at("b"), "b"));
  CHECK(f.reader.text(f.at("c"), "c") == "ok");
  CHECK(f.problems() ==
        Problems{"1:4: a: contains a NUL character", "2:4: b: contains a NUL character"});
}

TEST_CASE("FieldReader::connection_url never repeats the URL", "[config]") {
  Fixture f("a: postgresql://u:pw@h/db\nb: host=h dbname=d\nc: just:pw@h\nd: AUTH_URL\ne: ''\n");
  CHECK(f.reader.connection_url(f.at("a"), "a") == "postgresql://u:pw@h/db");
  CHECK(f.reader.connection_url(f.at("b"), "b") == "host=h dbname=d");
  CHECK_FALSE(f.reader.connection_url(f.at("c"), "c"));
  CHECK_FALSE(f.reader.connection_url(f.at("d"), "d"));
  CHECK_FALSE(f.reader.connection_url(f.at("e"), "e"));
  CHECK(f.problems() ==
        Problems{"3:4: c: expected a connection URI (postgresql://…) or key=value conninfo",
                 "4:4: d: expected a connection URI (postgresql://…) or key=value conninfo",
                 "5:4: e: expected a non-empty value, got an empty string"});
  CHECK(f.reader.diagnostics()[1].hint == "to read it from the environment, write ${AUTH_URL}");
  for (const auto& d : f.reader.diagnostics()) {
    CHECK(d.message.find("pw") == std::string::npos);
    CHECK(d.hint.find("pw") == std::string::npos);
  }
}

TEST_CASE("FieldReader::check_keys reports unknown, duplicate and complex keys", "[config]") {
  Fixture f("m:\n  url: x\n  tabels: y\n  url: z\n  ? [k]\n  : v\n");
  f.reader.check_keys(f.at("m"), "targets.auth", {"url", "tables"});
  CHECK(f.problems() ==
        Problems{"3:3: unknown key 'tabels' in targets.auth; did you mean 'tables'?",
                 "4:3: duplicate key 'url' in targets.auth (first at line 2)",
                 "5:5: expected a key name in targets.auth, got a list as a key"});
  CHECK(f.reader.diagnostics()[0].hint == "valid keys: url, tables");
}

TEST_CASE("FieldReader::check_keys reports a null key", "[config]") {
  Fixture f("m:\n  ~: x\n");
  f.reader.check_keys(f.at("m"), "options", {"jobs"});
  CHECK(f.problems() ==
        Problems{"2:3: expected a key name in options, got nothing (null) as a key"});
}

TEST_CASE("FieldReader::check_keys with no known keys accepts any name once", "[config]") {
  Fixture f("t:\n  a: 1\n  b: 2\n  a: 3\n");
  f.reader.check_keys(f.at("t"), "targets", {}, "target");
  CHECK(f.problems() == Problems{"4:3: duplicate target 'a' in targets (first at line 2)"});
}

TEST_CASE("FieldReader::require and expect_mapping report at the given place", "[config]") {
  Fixture f("m:\n  a: 1\ns: text\n");
  CHECK(f.reader.require(f.at("m"), "a", "m", {1, 1}) != nullptr);
  CHECK(f.reader.require(f.at("m"), "b", "m", {1, 1}) == nullptr);
  CHECK(f.reader.require(f.root, "c", "", {1, 1}) == nullptr);
  CHECK_FALSE(f.reader.expect_mapping(f.at("s"), "s", "a mapping with url"));
  CHECK(f.problems() == Problems{"1:1: missing required key 'b' in m",
                                 "1:1: missing required key 'c' at the top level",
                                 "3:4: s: expected a mapping with url, got a string"});
}

TEST_CASE("FieldReader::shorten cuts long values for messages", "[config]") {
  CHECK(FieldReader::shorten("short") == "short");
  CHECK(FieldReader::shorten(std::string(100, 'x')) == std::string(57, 'x') + "...");
}

TEST_CASE("join_path and index_path build the names used in messages", "[config]") {
  CHECK(join_path("", "source") == "source");
  CHECK(join_path("targets", "auth") == "targets.auth");
  CHECK(index_path("targets.auth.tables", 2) == "targets.auth.tables[2]");
}
