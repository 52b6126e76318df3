#include "support/problems.hpp"

#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/alembic_revision_file.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit;
using Strings = std::vector<std::string>;

namespace {

core::Diagnostics revision_problems(std::string_view source) {
  return pgsplit::testing::problems_of(
      [&] { stamp::parse_alembic_revision(source, "versions/x.py"); });
}

} // namespace

TEST_CASE("parse_alembic_revision reads each form of the templates", "[stamp]") {
  struct Case {
    const char* source;
    Strings parents;
  };
  const Case cases[] = {
      {"revision = 'r1'\ndown_revision = None\n", {}},
      {"revision = \"r1\"\ndown_revision = \"p\"\n", {"p"}},
      {"revision: str = \"r1\"\ndown_revision: Union[str, None] = 'p'\n", {"p"}},
      {"revision: str = 'r1'\n"
       "down_revision: Union[str, Sequence[str], None] = ('p', 'q')\n",
       {"p", "q"}},
      {"revision = 'r1'\ndown_revision = ['p', 'q']\n", {"p", "q"}},
      {"revision = 'r1'\ndown_revision = (\n    'p',\n    'q',\n)\n", {"p", "q"}},
  };
  for (const auto& c : cases) {
    INFO(c.source);
    const auto revision = stamp::parse_alembic_revision(c.source, "versions/x.py");
    REQUIRE(revision);
    CHECK(revision->revision == "r1");
    CHECK(revision->down_revisions == c.parents);
    CHECK(revision->line == 1);
    CHECK(revision->file == "versions/x.py");
  }
}

TEST_CASE("parse_alembic_revision skips files without a revision", "[stamp]") {
  CHECK_FALSE(stamp::parse_alembic_revision("def helper():\n    revision = 'x'\n", "h.py"));
  CHECK_FALSE(stamp::parse_alembic_revision("", "empty.py"));
}

TEST_CASE("parse_alembic_revision reports values it cannot read, with the line", "[stamp]") {
  const auto computed =
      revision_problems("import ids\n\nrevision = ids.next()\ndown_revision = None\n");
  REQUIRE(computed.size() == 1);
  CHECK(computed[0].where.file == "versions/x.py");
  CHECK(computed[0].where.line == 3);
  CHECK_THAT(computed[0].message, Catch::Contains("ids.next()"));
  CHECK_FALSE(computed[0].hint.empty());

  const auto no_parent = revision_problems("revision = 'r1'\n");
  REQUIRE(no_parent.size() == 1);
  CHECK_THAT(no_parent[0].message, Catch::Contains("no down_revision"));

  const auto too_long =
      revision_problems("revision = '" + std::string(33, 'a') + "'\ndown_revision = None\n");
  REQUIRE(too_long.size() == 1);
  CHECK_THAT(too_long[0].message, Catch::Contains("longer than 32"));

  const auto tuple_revision = revision_problems("revision = ('a', 'b')\ndown_revision = None\n");
  REQUIRE(tuple_revision.size() == 1);
  CHECK(tuple_revision[0].where.line == 1);
}
