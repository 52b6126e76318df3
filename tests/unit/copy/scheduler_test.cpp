#include <pgsplit/copy/scheduler.hpp>
#include <pgsplit/core/error.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

// The scheduler with jobs that touch no server: a Worker connects only when a job asks it for
// a session, so these jobs run with empty session settings.
using namespace pgsplit;
using namespace pgsplit::copy;

namespace {

// What the jobs did, in the order they did it.
class Log {
public:
  void add(std::string event) {
    std::lock_guard lock(mutex_);
    events_.push_back(std::move(event));
  }
  std::vector<std::string> events() {
    std::lock_guard lock(mutex_);
    return events_;
  }
  // Position of an event; fails the test when it did not happen.
  std::size_t position(const std::string& event) {
    const auto all = events();
    const auto found = std::find(all.begin(), all.end(), event);
    REQUIRE(found != all.end());
    return static_cast<std::size_t>(found - all.begin());
  }

private:
  std::mutex mutex_;
  std::vector<std::string> events_;
};

// Jobs waiting for each other. The deadline only turns a scheduler that never brings the
// jobs together (a bug) into a failed job instead of a hung test; no test waits for it.
class Latch {
public:
  explicit Latch(int count) : count_(count) {}
  void count_down() {
    {
      std::lock_guard lock(mutex_);
      --count_;
    }
    reached_.notify_all();
  }
  void wait() {
    std::unique_lock lock(mutex_);
    if (!reached_.wait_for(lock, std::chrono::minutes(2), [&] { return count_ <= 0; })) {
      throw std::runtime_error("the jobs never ran together");
    }
  }
  void arrive_and_wait() {
    count_down();
    wait();
  }

private:
  std::mutex mutex_;
  std::condition_variable reached_;
  int count_;
};

Job logged(Log& log, std::string name, std::int64_t priority, std::vector<std::size_t> after = {}) {
  return {name, priority, std::move(after), [&log, name](Worker&) {
            log.add("start " + name);
            log.add("end " + name);
          }};
}

RunOutcome run(const std::vector<Job>& jobs, int workers, Interrupt& interrupt) {
  const SessionSettings no_server;
  return run_jobs(jobs, workers, no_server, interrupt);
}

RunOutcome run(const std::vector<Job>& jobs, int workers) {
  Interrupt interrupt;
  return run(jobs, workers, interrupt);
}

std::string message_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& caught) {
    return caught.what();
  }
}

using States = std::vector<JobState>;

} // namespace

TEST_CASE("a job starts only once every job it comes after has finished", "[scheduler]") {
  Log log;
  // The dependents rank highest: only the graph holds them back.
  const std::vector<Job> jobs{
      logged(log, "a", 1),         logged(log, "b", 5, {0}), logged(log, "c", 5, {0}),
      logged(log, "d", 9, {1, 2}), logged(log, "e", 9, {3}), logged(log, "free", 0),
  };
  const auto outcome = run(jobs, 3);

  CHECK(outcome.states == States(jobs.size(), JobState::done));
  CHECK(outcome.failures.empty());
  for (const auto& job : jobs) {
    for (const auto before : job.after) {
      CHECK(log.position("end " + jobs[before].name) < log.position("start " + job.name));
    }
  }
}

TEST_CASE("with one worker, ready jobs run highest priority first", "[scheduler]") {
  Log log;
  // "late" ranks highest but becomes ready only after "low"; then it goes before "lowest".
  const std::vector<Job> jobs{
      logged(log, "low", 10),   logged(log, "high", 30),      logged(log, "middle", 20),
      logged(log, "lowest", 1), logged(log, "late", 99, {0}),
  };
  run(jobs, 1);

  CHECK(log.events() == std::vector<std::string>{"start high", "end high", "start middle",
                                                 "end middle", "start low", "end low", "start late",
                                                 "end late", "start lowest", "end lowest"});
}

TEST_CASE("after a failure no new job starts, the failure is reported with its error",
          "[scheduler]") {
  Log log;
  const std::vector<Job> jobs{
      {"fails", 9, {}, [](Worker&) { throw core::Error("target t: disk full", "free space"); }},
      logged(log, "ready", 5),
      logged(log, "dependent", 9, {0}),
  };
  const auto outcome = run(jobs, 1);

  CHECK(log.events().empty());
  CHECK(outcome.states == States{JobState::failed, JobState::skipped, JobState::skipped});
  REQUIRE(outcome.failures.size() == 1);
  CHECK(outcome.failures[0].job == 0);
  CHECK(message_of(outcome.failures[0].error) == "target t: disk full");
}

TEST_CASE("a job running when another fails finishes and stays done", "[scheduler]") {
  Latch running(1);  // "runs" has started
  Latch throwing(1); // "fails" is about to throw
  const std::vector<Job> jobs{
      {"runs",
       9,
       {},
       [&](Worker&) {
         running.count_down();
         throwing.wait();
       }},
      {"fails",
       8,
       {},
       [&](Worker&) {
         running.wait();
         throwing.count_down();
         throw std::runtime_error("broken");
       }},
      {"after both", 9, {0, 1}, [](Worker&) {}},
  };
  const auto outcome = run(jobs, 2);

  CHECK(outcome.states == States{JobState::done, JobState::failed, JobState::skipped});
  REQUIRE(outcome.failures.size() == 1);
  CHECK(outcome.failures[0].job == 1);
  CHECK(message_of(outcome.failures[0].error) == "broken");
}

TEST_CASE("an interrupt stops the run: nothing new starts, cancelled jobs are not failures",
          "[scheduler]") {
  Log log;
  Interrupt interrupt;
  Latch cancelling(1); // the interrupt was triggered
  Latch running(1);    // "cancelled while running" has started
  const std::vector<Job> jobs{
      // Throws like a statement cancelled by the interrupt.
      {"cancelled while running",
       9,
       {},
       [&](Worker&) {
         running.count_down();
         cancelling.wait();
         throw core::Error("canceling statement due to user request");
       }},
      // Triggers the interrupt itself (as the signal watcher would), then is cancelled too.
      {"triggers",
       8,
       {},
       [&](Worker&) {
         running.wait();
         interrupt.trigger();
         cancelling.count_down();
         throw core::Error("canceling statement due to user request");
       }},
      logged(log, "ready", 5),
      logged(log, "dependent", 9, {0}),
  };
  const auto outcome = run(jobs, 2, interrupt);

  CHECK(log.events().empty());
  CHECK(outcome.failures.empty());
  CHECK(outcome.states ==
        States{JobState::skipped, JobState::skipped, JobState::skipped, JobState::skipped});
}

TEST_CASE("a job that completes although an interrupt came stays done", "[scheduler]") {
  Interrupt interrupt;
  Log log;
  const std::vector<Job> jobs{
      {"triggers and completes", 9, {}, [&](Worker&) { interrupt.trigger(); }},
      logged(log, "next", 5),
  };
  const auto outcome = run(jobs, 1, interrupt);

  CHECK(outcome.states == States{JobState::done, JobState::skipped});
  CHECK(outcome.failures.empty());
  CHECK(log.events().empty());
}

TEST_CASE("never more jobs run at once than there are workers, and that many do", "[scheduler]") {
  constexpr int workers = 3;
  std::atomic<int> running{0};
  std::atomic<int> most{0};
  std::atomic<int> finished{0};
  Latch together(workers); // the first `workers` jobs wait until all of them run
  std::vector<Job> jobs;
  for (int index = 0; index < 4 * workers; ++index) {
    jobs.push_back({"job " + std::to_string(index), index, {}, [&](Worker&) {
                      const int now = running.fetch_add(1) + 1;
                      int seen = most.load();
                      while (now > seen && !most.compare_exchange_weak(seen, now)) {
                      }
                      together.arrive_and_wait();
                      running.fetch_sub(1);
                      finished.fetch_add(1);
                    }});
  }
  const auto outcome = run(jobs, workers);

  CHECK(outcome.failures.empty());
  CHECK(finished.load() == 4 * workers);
  CHECK(most.load() == workers);
}

TEST_CASE("spare workers are those neither running a job nor about to take a ready one",
          "[scheduler]") {
  CHECK(spare_workers(4, 1, 0) == 3); // one job left running alone: three idle workers
  CHECK(spare_workers(4, 2, 1) == 1);
  CHECK(spare_workers(4, 2, 5) == 0); // more ready jobs than workers: none spare
  CHECK(spare_workers(1, 1, 0) == 0);
}

TEST_CASE("each job learns how many workers were spare when it started", "[scheduler]") {
  std::atomic<int> alone{-1};
  std::atomic<int> crowded{-1};
  SECTION("a job that runs alone") {
    // `second` waits for `first`: when either starts, nothing else is ready.
    const std::vector<Job> jobs{
        {"first", 2, {}, [&](Worker& worker) { alone.store(worker.spare_workers()); }},
        {"second", 1, {0}, [&](Worker& worker) { crowded.store(worker.spare_workers()); }}};
    CHECK(run(jobs, 3).failures.empty());
    CHECK(alone.load() == 2);
    CHECK(crowded.load() == 2);
  }
  SECTION("a job started while others are ready for every other worker") {
    // The first job taken is the highest ranked, while the two others are still ready.
    const std::vector<Job> jobs{
        {"first", 3, {}, [&](Worker& worker) { crowded.store(worker.spare_workers()); }},
        {"second", 2, {}, [](Worker&) {}},
        {"third", 1, {}, [](Worker&) {}}};
    CHECK(run(jobs, 2).failures.empty());
    CHECK(crowded.load() == 0);
  }
}
