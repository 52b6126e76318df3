#include <pgsplit/copy/job_graph.hpp>
#include <pgsplit/copy/job_rank.hpp>
#include <pgsplit/core/error.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

// The job graph's decisions, with jobs run by hand: a job that decides to do nothing never
// asks its worker for a session, so it needs no server.
using namespace pgsplit;
using namespace pgsplit::copy;

namespace {

plan::PlacedTable placed(catalog::Oid oid, const std::string& name, std::int64_t bytes) {
  return {.table = oid,
          .source_name = {"public", name},
          .target_name = {"public", name},
          .size_bytes = bytes};
}

TableCopy copy_of(const plan::PlacedTable& table, const std::string& fingerprint) {
  return {.target = "t",
          .table = table.table,
          .source_name = table.source_name,
          .target_name = table.target_name,
          .columns = {"id"},
          .fingerprint = fingerprint,
          .estimated_bytes = table.size_bytes};
}

// Target "t" with tables "same" (copied earlier with the same fingerprint) and "changed"
// (copied earlier with another one, e.g. before its filter changed).
struct ResumedTarget {
  plan::TargetPlan plan{.name = "t",
                        .tables = {placed(1, "same", 1000), placed(2, "changed", 5000)}};
  std::vector<TargetWork> work;

  ResumedTarget() {
    TargetWork target{.plan = &plan};
    target.state.exists = true;
    target.state.pre_data_done = true;
    target.copies = {copy_of(plan.tables[0], "fingerprint 1"),
                     copy_of(plan.tables[1], "fingerprint 2")};
    target.state.tables[state_key(plan.tables[0].target_name)] = {.fingerprint = "fingerprint 1",
                                                                  .data_done = true};
    target.state.tables[state_key(plan.tables[1].target_name)] = {.fingerprint = "fingerprint 0",
                                                                  .data_done = true};
    work.push_back(std::move(target));
  }
};

const Job& job_named(const std::vector<Job>& jobs, const std::string& name) {
  const auto found =
      std::find_if(jobs.begin(), jobs.end(), [&](const Job& job) { return job.name == name; });
  REQUIRE(found != jobs.end());
  return *found;
}

const CopyEntry& entry_of(const Progress& progress, const std::string& table) {
  const auto& entries = progress.entries();
  const auto found = std::find_if(entries.begin(), entries.end(),
                                  [&](const CopyEntry& entry) { return entry.table == table; });
  REQUIRE(found != entries.end());
  return *found;
}

} // namespace

TEST_CASE("on resume, a table copied with the same fingerprint is skipped and one copied with "
          "another is copied again",
          "[job_graph]") {
  ResumedTarget resumed;
  Progress progress;
  const auto jobs = build_job_graph(resumed.work, catalog::Catalog{}, {.resume = true}, progress);

  // Where the target would be: no server listens on this socket, so a job that goes to the
  // target fails to connect, naming the target and the table.
  const SessionSettings settings{.target_urls = {{"t", "postgresql:///db?host=/nonexistent"}}};
  Interrupt interrupt;
  Worker worker(settings, interrupt, "pgsplit job graph test");

  job_named(jobs, "t: pre-data").run(worker); // done earlier: nothing to do
  job_named(jobs, "t: public.same (data)").run(worker);
  CHECK(entry_of(progress, "public.same").status.load() == CopyStatus::skipped);

  const auto& changed = job_named(jobs, "t: public.changed (data)");
  REQUIRE_THROWS_WITH(changed.run(worker), Catch::StartsWith("target t, table public.changed: "));
  CHECK(entry_of(progress, "public.changed").status.load() == CopyStatus::failed);
}

TEST_CASE("without resume, every table is copied whatever the state says", "[job_graph]") {
  ResumedTarget resumed;
  Progress progress;
  const auto jobs = build_job_graph(resumed.work, catalog::Catalog{}, {.resume = false}, progress);

  const SessionSettings settings{.target_urls = {{"t", "postgresql:///db?host=/nonexistent"}}};
  Interrupt interrupt;
  Worker worker(settings, interrupt, "pgsplit job graph test");
  REQUIRE_THROWS_WITH(job_named(jobs, "t: public.same (data)").run(worker),
                      Catch::StartsWith("target t, table public.same: "));
  CHECK(entry_of(progress, "public.same").status.load() == CopyStatus::failed);
}

TEST_CASE("jobs are ranked: pre-data, then ready DDL, then data by size, then the last steps",
          "[job_graph]") {
  ResumedTarget resumed;
  resumed.work[0].ddl.post_data.push_back({.table = 1, .target_name = {"public", "same"}});
  Progress progress;
  const auto jobs = build_job_graph(resumed.work, catalog::Catalog{}, {}, progress);

  CHECK(job_named(jobs, "t: pre-data").priority == rank::pre_data);
  CHECK(job_named(jobs, "t: public.same (indexes, constraints, triggers)").priority ==
        rank::ready_ddl);
  CHECK(job_named(jobs, "t: public.changed (data)").priority == 5000);
  CHECK(job_named(jobs, "t: public.same (data)").priority == 1000);
  CHECK(job_named(jobs, "t: sequences and views").priority == rank::last);
  STATIC_REQUIRE(rank::pre_data > rank::ready_ddl);
}

TEST_CASE("each table is analyzed after its data and its indexes, unless analyze is off",
          "[job_graph]") {
  ResumedTarget resumed;
  resumed.work[0].ddl.post_data.push_back({.table = 1, .target_name = {"public", "same"}});
  Progress progress;
  const auto jobs = build_job_graph(resumed.work, catalog::Catalog{}, {}, progress);
  const auto index_of = [&](const std::string& name) {
    return static_cast<std::size_t>(&job_named(jobs, name) - jobs.data());
  };
  const auto& same = job_named(jobs, "t: public.same (analyze)");
  CHECK_THAT(same.after, Catch::Matchers::UnorderedEquals(std::vector<std::size_t>{
                             index_of("t: public.same (data)"),
                             index_of("t: public.same (indexes, constraints, triggers)")}));
  CHECK(job_named(jobs, "t: public.changed (analyze)").after ==
        std::vector<std::size_t>{index_of("t: public.changed (data)")});

  Progress without_progress;
  ResumedTarget without;
  const auto none =
      build_job_graph(without.work, catalog::Catalog{}, {.analyze = false}, without_progress);
  CHECK(std::none_of(none.begin(), none.end(), [](const Job& job) {
    return job.name.find("(analyze)") != std::string::npos;
  }));
}

TEST_CASE("a table copied in parts is marked done as soon as its parts are in, before waiting "
          "copies",
          "[job_graph]") {
  ResumedTarget resumed;
  resumed.work[0].copies[1].parts = {"id < 10", "id >= 10"};
  Progress progress;
  const auto jobs = build_job_graph(resumed.work, catalog::Catalog{}, {}, progress);
  CHECK(job_named(jobs, "t: public.changed (part 1/2) (data)").priority == 5000);
  // Its indexes wait for this mark: it must not queue behind the copies still waiting.
  CHECK(job_named(jobs, "t: public.changed (parts done)").priority == rank::ready_ddl);
}
