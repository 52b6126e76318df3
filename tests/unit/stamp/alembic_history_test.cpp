#include "support/problems.hpp"

#include <pgsplit/core/error.hpp>
#include <pgsplit/stamp/alembic_history.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace pgsplit;
using Strings = std::vector<std::string>;

using pgsplit::testing::problems_of;

namespace {

const std::string data_dir = std::string(PGSPLIT_TEST_DATA_DIR) + "/stamp/";

core::Location mapping_entry() {
  core::Location where;
  where.file = "pgsplit.yaml";
  where.line = 12;
  return where;
}

} // namespace

TEST_CASE("a linear history has one head, __init__.py and helpers are ignored", "[stamp]") {
  const auto history = stamp::read_alembic_history(data_dir + "alembic_linear");
  REQUIRE(history.revisions.size() == 3);
  CHECK(history.revisions[0].revision == "1a2b3c4d5e6f");
  CHECK(history.revisions[0].down_revisions.empty());
  CHECK(history.revisions[1].revision == "2b3c4d5e6f7a");
  CHECK(history.revisions[1].down_revisions == Strings{"1a2b3c4d5e6f"});
  CHECK(history.revisions[2].revision == "3c4d5e6f7a8b"); // not the docstring's nor the local
  CHECK(history.revisions[2].line == 9);
  CHECK(stamp::alembic_heads(history) == Strings{"3c4d5e6f7a8b"});
  CHECK(stamp::resolve_alembic_version(&history, "head", false, mapping_entry()) ==
        Strings{"3c4d5e6f7a8b"});
}

TEST_CASE("a merge revision (tuple down_revision) is the single head", "[stamp]") {
  const auto history = stamp::read_alembic_history(data_dir + "alembic_merge");
  REQUIRE(history.revisions.size() == 4);
  CHECK(history.revisions[3].down_revisions == Strings{"bbbb00000002", "cccc00000003"});
  CHECK(stamp::alembic_heads(history) == Strings{"dddd00000004"});
  CHECK(stamp::resolve_alembic_version(&history, "head", false, mapping_entry()) ==
        Strings{"dddd00000004"});
}

TEST_CASE("the annotated template form is read, merge included", "[stamp]") {
  const auto history = stamp::read_alembic_history(data_dir + "alembic_annotated");
  REQUIRE(history.revisions.size() == 4);
  CHECK(history.revisions[0].down_revisions.empty());
  CHECK(history.revisions[1].down_revisions == Strings{"4d5e6f7a8b9c"});
  CHECK(history.revisions[3].down_revisions == Strings{"5e6f7a8b9c0d", "6f7a8b9c0d1e"});
  CHECK(stamp::alembic_heads(history) == Strings{"7a8b9c0d1e2f"});
}

TEST_CASE("two heads: head is an error naming both, heads: all stamps both", "[stamp]") {
  const auto history = stamp::read_alembic_history(data_dir + "alembic_two_heads");
  CHECK(stamp::alembic_heads(history) == Strings{"f2f2f2f2f2f2", "a3a3a3a3a3a3"});

  const auto problems = problems_of(
      [&] { stamp::resolve_alembic_version(&history, "head", false, mapping_entry()); });
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].where.file == "pgsplit.yaml");
  CHECK(problems[0].where.line == 12);
  CHECK_THAT(problems[0].message, Catch::Contains("2 heads") && Catch::Contains("f2f2f2f2f2f2") &&
                                      Catch::Contains("a3a3a3a3a3a3"));
  CHECK_THAT(problems[0].hint, Catch::Contains("merge") && Catch::Contains("heads: all"));

  const Strings both{"f2f2f2f2f2f2", "a3a3a3a3a3a3"};
  CHECK(stamp::resolve_alembic_version(&history, "head", true, mapping_entry()) == both);
  CHECK(stamp::resolve_alembic_version(&history, "heads", false, mapping_entry()) == both);
}

TEST_CASE("a literal revision is returned as is, and checked against the history", "[stamp]") {
  CHECK(stamp::resolve_alembic_version(nullptr, "0badc0ffee", false, {}) == Strings{"0badc0ffee"});

  const auto history = stamp::read_alembic_history(data_dir + "alembic_linear");
  CHECK(stamp::resolve_alembic_version(&history, "2b3c4d5e6f7a", false, {}) ==
        Strings{"2b3c4d5e6f7a"});

  const auto prefix = problems_of(
      [&] { stamp::resolve_alembic_version(&history, "2b3c", false, mapping_entry()); });
  REQUIRE(prefix.size() == 1);
  CHECK_THAT(prefix[0].message,
             Catch::Contains("unknown revision '2b3c'") && Catch::Contains("2b3c4d5e6f7a"));

  const auto no_history =
      problems_of([] { stamp::resolve_alembic_version(nullptr, "head", false, {}); });
  REQUIRE(no_history.size() == 1);
  CHECK_THAT(no_history[0].hint, Catch::Contains("versions_dir"));
}

TEST_CASE("duplicate revision ids are an error naming both files", "[stamp]") {
  const auto problems =
      problems_of([] { stamp::read_alembic_history(data_dir + "alembic_duplicate"); });
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].where.file, Catch::EndsWith("02_copy.py"));
  CHECK(problems[0].where.line == 1);
  CHECK_THAT(problems[0].message, Catch::Contains("abc123") && Catch::Contains("01_first.py"));
}

TEST_CASE("a down_revision that no file defines is an error at its line", "[stamp]") {
  const auto problems =
      problems_of([] { stamp::read_alembic_history(data_dir + "alembic_unknown_parent"); });
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0].where.file, Catch::EndsWith("02_second.py"));
  CHECK(problems[0].where.line == 3);
  CHECK_THAT(problems[0].message,
             Catch::Contains("'abc124'") && Catch::Contains("did you mean 'abc123'"));
}

TEST_CASE("a missing versions folder or an empty history is an error", "[stamp]") {
  const auto missing =
      problems_of([] { stamp::read_alembic_history(data_dir + "no_such_folder"); });
  REQUIRE(missing.size() == 1);
  CHECK_THAT(missing[0].where.file, Catch::EndsWith("no_such_folder"));
  CHECK_THAT(missing[0].message, Catch::Contains("does not exist"));
  CHECK_THAT(missing[0].hint, Catch::Contains("relative to"));

  const auto history = stamp::read_alembic_history(data_dir + "alembic_no_revisions");
  CHECK(history.revisions.empty());
  const auto empty = problems_of(
      [&] { stamp::resolve_alembic_version(&history, "head", false, mapping_entry()); });
  REQUIRE(empty.size() == 1);
  CHECK_THAT(empty[0].message, Catch::Contains("no Alembic revision"));
}
