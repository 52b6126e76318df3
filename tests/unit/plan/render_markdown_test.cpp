#include "unit/plan/render_fixture.hpp"

#include <pgsplit/plan/render_markdown.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::plan;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

TEST_CASE("plan's Markdown: verdict heading, a table row per target, a total row",
          "[plan][markdown]") {
  const auto catalog = test::make_catalog();
  const std::string text = render_markdown(test::make_plan(catalog), catalog);
  CHECK_THAT(text, StartsWith("### pgsplit plan: plan OK: "));
  CHECK_THAT(text, Contains("| target "));
  CHECK_THAT(text, Contains("| **total** "));
  CHECK_THAT(text, Contains("**Cross-target foreign keys**"));
  CHECK_THAT(text, Contains("**Left behind in the source**"));
  CHECK(text.find("**Errors**") == std::string::npos);
  CHECK(text.find('\x1b') == std::string::npos);
}

TEST_CASE("plan's Markdown puts the errors before the targets", "[plan][markdown]") {
  const auto catalog = test::make_catalog();
  const std::string text = render_markdown(test::make_failed_plan(catalog), catalog);
  CHECK_THAT(text, StartsWith("### pgsplit plan: plan has "));
  const auto errors = text.find("**Errors**");
  REQUIRE(errors != std::string::npos);
  CHECK(errors < text.find("| target "));
}
