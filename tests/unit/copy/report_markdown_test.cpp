#include <pgsplit/copy/apply.hpp>

#include <catch2/catch.hpp>

using namespace pgsplit::copy;

namespace {

ApplyReport make_apply_report(bool failed) {
  ApplyReport report;
  report.seconds = 12.34;
  report.data_seconds = 10;
  report.targets = {{"auth", 2, 0, 1234567, 5LL << 20, 3.5}, {"logs", 1, 1, 42, 2048, 0.25}};
  report.tables = {{"auth", "public.users", 1234560, 5LL << 20, 3.5, CopyStatus::done, 1, 1},
                   {"auth", "public.sessions", 7, 8192, 0.5, CopyStatus::done, 1, 1},
                   {"logs", "public.audit|log", 42, 2048, 0.25, CopyStatus::done, 1, 1}};
  if (failed) {
    report.tables.push_back({"logs", "public.events", 0, 0, 0, CopyStatus::waiting, 1, 0});
    report.failures.push_back("target logs, table public.big: disk full");
  }
  return report;
}

} // namespace

TEST_CASE("apply's Markdown: verdict, a row per target, the slowest tables", "[copy][markdown]") {
  CHECK(render_report_markdown(make_apply_report(false)) ==
        R"(### pgsplit apply complete: 3 tables, 1,234,609 rows, 5.0 MB copied in 12.3s

| target | tables | kept (resume) |      rows |   size | time |
| :----- | -----: | ------------: | --------: | -----: | ---: |
| auth   |      2 |             0 | 1,234,567 | 5.0 MB | 3.5s |
| logs   |      1 |             1 |        42 | 2.0 kB | 0.2s |

**Slowest tables**:

| target | table               |      rows |   size | time |
| :----- | :------------------ | --------: | -----: | ---: |
| auth   | `public.users`      | 1,234,560 | 5.0 MB | 3.5s |
| auth   | `public.sessions`   |         7 | 8.0 kB | 0.5s |
| logs   | `public.audit\|log` |        42 | 2.0 kB | 0.2s |
)");
}

TEST_CASE("apply's Markdown lists what failed or was not copied before the tables",
          "[copy][markdown]") {
  const auto text = render_report_markdown(make_apply_report(true));
  CHECK(text.rfind("### pgsplit apply did not complete: ", 0) == 0);
  const auto not_done = text.find("**Not done**");
  REQUIRE(not_done != std::string::npos);
  CHECK(not_done < text.find("| target "));
  CHECK(text.find("- failed: target logs, table public.big: disk full") != std::string::npos);
  CHECK(text.find("- not copied: `public.events` in logs") != std::string::npos);
}
