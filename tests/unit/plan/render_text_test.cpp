#include "unit/plan/render_fixture.hpp"

#include <pgsplit/plan/render_text.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace pgsplit::plan;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using Catch::Matchers::StartsWith;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

// The line containing `needle` (fails the test when there is none).
std::string line_with(const std::string& text, const std::string& needle) {
  for (const std::string& line : lines_of(text)) {
    if (line.find(needle) != std::string::npos) {
      return line;
    }
  }
  FAIL("no line contains '" << needle << "' in:\n" << text);
  return {};
}

std::size_t columns(const std::string& line) {
  std::size_t width = 0;
  for (const char c : line) {
    width += (static_cast<unsigned char>(c) & 0xC0U) == 0x80U ? 0 : 1;
  }
  return width;
}

std::size_t indent_of(const std::string& line) { return line.find_first_not_of(' '); }

} // namespace

TEST_CASE("render_text describes the source and every target", "[plan]") {
  const auto catalog = test::make_catalog();
  const std::string text = render_text(test::make_plan(catalog), catalog);
  CHECK_THAT(text, StartsWith("pgsplit plan: source postgresql://app@mono:5432/app "
                              "(database app)\n"));
  CHECK_THAT(text,
             Contains("\n== target auth → postgresql://app@auth-db/auth (create database)\n"));
  CHECK_THAT(text, Contains("\n== target payment → postgresql://app@pay-db/payment\n"));
  for (const std::string& line : lines_of(text)) {
    CHECK(columns(line) <= 100);
    CHECK(line.find('\x1b') == std::string::npos);
  }
}

TEST_CASE("render_text lists tables with renames, filters, sizes and rows", "[plan]") {
  const auto catalog = test::make_catalog();
  const std::string text = render_text(test::make_plan(catalog), catalog);
  const std::string users = line_with(text, "public.users  ");
  CHECK_THAT(users, Contains("12,345"));
  CHECK_THAT(users, EndsWith("12.3 MB"));
  CHECK_THAT(text, Contains("public.audit_events → audit.events [replicate]"));
  CHECK_THAT(text, Contains("    where service = 'auth'\n"));
  CHECK_THAT(text, Contains("    where service = 'payment'\n"));
  // Columns line up: rows and sizes end at the same place in one target.
  CHECK(columns(users) == columns(line_with(text, "public.sessions")));
  CHECK(columns(users) == columns(line_with(text, "  tables  ")));
}

TEST_CASE("render_text indents partitions under their root", "[plan]") {
  const auto catalog = test::make_catalog();
  const std::string text = render_text(test::make_plan(catalog), catalog);
  const std::string root = line_with(text, "public.events [partitioned]");
  const std::string partition = line_with(text, "public.events_2024 [partition]");
  CHECK(indent_of(partition) == indent_of(root) + 2);
  CHECK(text.find("public.events [partitioned]") < text.find("public.events_2024"));
  CHECK(text.find("public.events_2024") < text.find("public.orders  "));
}

TEST_CASE("render_text lists what each target creates and stamps", "[plan]") {
  const auto catalog = test::make_catalog();
  const std::string text = render_text(test::make_plan(catalog), catalog);
  CHECK_THAT(text, Contains("  creates:\n    schemas: audit, public\n"
                            "    extensions: pgcrypto\n"
                            "    types: public.mood (enum)\n"
                            "    sequences: public.users_id_seq, public.global_seq\n"
                            "    functions: public.touch()\n"
                            "    views: public.active_users, public.stats (materialized)\n"));
  CHECK_THAT(text, Contains("    functions: public.fee(amount numeric)\n"
                            "    objects: collation public.ci\n"));
  CHECK_THAT(text, Contains("  stamps:\n    alembic public.alembic_version_auth → 4f1e2d3c5b6a\n"));
  CHECK_THAT(text, Contains("  total: 3 tables, 13,445 rows, 12.4 MB\n"));
}

TEST_CASE("render_text lists cross-target foreign keys under the child's target", "[plan]") {
  const auto catalog = test::make_catalog();
  const std::string text = render_text(test::make_plan(catalog), catalog);
  CHECK_THAT(text, Contains("  cross-target foreign keys dropped:\n"
                            "    public.orders(user_id) → public.users(id) [auth] "
                            "(orders_user_id_fkey)\n"
                            "    public.orders(legacy_id) → public.legacy(id) [not copied] "
                            "(orders_legacy_fkey)\n"));
  CHECK(text.find("cross-target foreign keys dropped") > text.find("== target payment"));
  CHECK(text.find("(not dropped)") == std::string::npos);
}

TEST_CASE("render_text shows totals, what is left behind and shared sequences", "[plan]") {
  const auto catalog = test::make_catalog();
  const std::string text = render_text(test::make_plan(catalog), catalog);
  CHECK_THAT(text, Contains("\ntotal: 2 targets, 8 tables, 69,448 rows (estimated), 22.9 MB\n"));
  CHECK_THAT(line_with(text, "public.tmp_import"), EndsWith("excluded by 'public.tmp_*'"));
  CHECK_THAT(line_with(text, "public.alembic_version  "),
             EndsWith("migration version table (alembic)"));
  CHECK_THAT(line_with(text, "view public.report"),
             EndsWith("uses tables of targets auth and payment"));
  // Deliberate exclusions first, then version tables, then views.
  CHECK(text.find("public.legacy  ") < text.find("public.alembic_version  "));
  CHECK(text.find("public.alembic_version  ") < text.find("view public.report"));
  CHECK_THAT(text, Contains("shared sequences (each target gets its own copy):\n"
                            "  public.global_seq → auth, payment\n"));
}

TEST_CASE("render_text ends an OK plan with its verdict and warnings", "[plan]") {
  const auto catalog = test::make_catalog();
  const std::string text = render_text(test::make_plan(catalog), catalog);
  CHECK_THAT(text,
             Contains("\nwarnings:\n  warning: m.yaml:12:5 (target payment): public.orders loses 2 "
                      "foreign keys\n"));
  CHECK(text.find("\nerrors:") == std::string::npos);
  CHECK_THAT(text, EndsWith("\nplan OK: 2 targets, 8 tables, 0 errors, 1 warning\n"));
}

TEST_CASE("render_text ends a failed plan with its errors", "[plan]") {
  const auto catalog = test::make_catalog();
  const std::string text = render_text(test::make_failed_plan(catalog), catalog);
  CHECK_THAT(text, Contains("\nerrors:\n"
                            "  error: m.yaml:3:5 (target payment): table public.users is mapped "
                            "twice\n"
                            "    hint: remove one of the entries\n"
                            "  error: m.yaml (target payment): target payment is not reachable\n"));
  CHECK(text.find("\nwarnings:") < text.find("\nerrors:"));
  CHECK_THAT(text, EndsWith("\nplan has 2 errors (nothing was written)\n"));

  Plan one = test::make_plan(catalog);
  one.findings = {{Severity::error, test::diagnostic("broken", "", 1)}};
  CHECK_THAT(render_text(one, catalog), EndsWith("\nplan has 1 error (nothing was written)\n"));
}

TEST_CASE("render_text wraps long lists without splitting names", "[plan]") {
  auto catalog = test::make_catalog();
  Plan plan = test::make_plan(catalog);
  for (int i = 0; i < 30; ++i) {
    plan.targets[0].schemas.push_back("schema_number_" + std::to_string(i));
  }
  const std::string text = render_text(plan, catalog);
  const std::string first = line_with(text, "    schemas: audit, public, schema_number_0,");
  CHECK(columns(first) <= 100);
  const std::string next = line_with(text, "schema_number_29");
  CHECK(indent_of(next) == std::string("    schemas: ").size());
  CHECK_THAT(next, EndsWith("schema_number_29"));
}

TEST_CASE("render_text handles an empty target and unknown OIDs", "[plan]") {
  const pgsplit::testing::CatalogBuilder builder; // no tables, types, …: every OID is unknown
  const auto& catalog = builder.catalog();
  Plan plan;
  plan.source_description = "host=h";
  TargetPlan target;
  target.name = "empty";
  target.url_description = "host=e";
  target.types = {42};
  plan.targets = {target};
  const std::string text = render_text(plan, catalog);
  CHECK_THAT(text, StartsWith("pgsplit plan: source host=h\n"));
  CHECK_THAT(text, Contains("  (no tables)\n"));
  CHECK_THAT(text, Contains("types: (unknown type 42)\n"));
  CHECK_THAT(text, EndsWith("plan OK: 1 target, 0 tables, 0 errors, 0 warnings\n"));
}
