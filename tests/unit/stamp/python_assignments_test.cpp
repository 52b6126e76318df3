#include <pgsplit/stamp/python_assignments.hpp>

#include <catch2/catch.hpp>

using pgsplit::stamp::module_assignments;

TEST_CASE("module_assignments finds plain and annotated module variables", "[stamp]") {
  const auto found = module_assignments("revision = 'abc'\n"
                                        "down_revision: Union[str, None] = \"x\"  # parent\n"
                                        "depends_on = None\n");
  REQUIRE(found.size() == 3);
  CHECK(found[0].name == "revision");
  CHECK(found[0].value == "'abc'");
  CHECK(found[0].line == 1);
  CHECK(found[1].name == "down_revision");
  CHECK(found[1].value == "\"x\"");
  CHECK(found[1].line == 2);
  CHECK(found[2].value == "None");
}

TEST_CASE("module_assignments ignores indented code, docstrings and comments", "[stamp]") {
  const auto found = module_assignments("\"\"\"title\n"
                                        "revision = 'in_docstring'\n"
                                        "\"\"\"\n"
                                        "# revision = 'in_comment'\n"
                                        "def upgrade():\n"
                                        "    revision = 'local'\n"
                                        "if revision == 'x':\n"
                                        "    pass\n"
                                        "revision = 'real'\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].value == "'real'");
  CHECK(found[0].line == 9);
}

TEST_CASE("module_assignments joins statements continued over several lines", "[stamp]") {
  const auto found = module_assignments("down_revision = (\n"
                                        "    'a',  # first parent\n"
                                        "    'b',\n"
                                        ")\n"
                                        "revision = \\\n"
                                        "    'c'\n"
                                        "x = 1\n");
  REQUIRE(found.size() == 3);
  CHECK(found[0].value == "(     'a',       'b', )");
  CHECK(found[0].line == 1);
  CHECK(found[1].name == "revision");
  CHECK(found[1].value == "'c'");
  CHECK(found[1].line == 5);
  CHECK(found[2].line == 7);
}

TEST_CASE("module_assignments keeps '#' and quotes inside strings", "[stamp]") {
  const auto found = module_assignments("message = 'a # b'\r\nother = \"it's\"\r\n");
  REQUIRE(found.size() == 2);
  CHECK(found[0].value == "'a # b'");
  CHECK(found[1].value == "\"it's\"");
  CHECK(found[1].line == 2);
}

TEST_CASE("class_assignments reads the body of one module-level class", "[stamp]") {
  using pgsplit::stamp::class_assignments;
  const auto found = class_assignments("dependencies = 'module level'\n"
                                       "class Other:\n"
                                       "    dependencies = 'other class'\n"
                                       "class Migration(migrations.Migration):\n"
                                       "    \"\"\"dependencies = 'docstring'\"\"\"\n"
                                       "    initial = True\n"
                                       "    dependencies = [\n"
                                       "        ('shop', '0001'),  # comment\n"
                                       "    ]\n"
                                       "\n"
                                       "    def helper(self):\n"
                                       "        dependencies = 'local'\n"
                                       "    replaces = []\n"
                                       "after = 1\n"
                                       "    dependencies = 'not in the class'\n",
                                       "Migration");
  REQUIRE(found.size() == 3);
  CHECK(found[0].name == "initial");
  CHECK(found[1].name == "dependencies");
  CHECK_THAT(found[1].value, Catch::StartsWith("[") && Catch::Contains("('shop', '0001'),"));
  CHECK(found[1].line == 7);
  CHECK(found[2].name == "replaces");
  CHECK(class_assignments("class MigrationX:\n    a = 1\n", "Migration").empty());
  CHECK(class_assignments("x = 1\n", "Migration").empty());
}
