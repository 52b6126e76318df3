#include <pgsplit/copy/scheduler.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace pgsplit::copy {
namespace {

class Run {
public:
  Run(const std::vector<Job>& jobs, int worker_count, Interrupt& interrupt)
      : jobs_(jobs), worker_count_(worker_count), interrupt_(interrupt),
        states_(jobs.size(), JobState::pending), started_(jobs.size(), false),
        waiting_on_(jobs.size(), 0), dependents_(jobs.size()) {
    for (std::size_t index = 0; index < jobs.size(); ++index) {
      waiting_on_[index] = jobs[index].after.size();
      for (const std::size_t before : jobs[index].after) {
        dependents_[before].push_back(index);
      }
    }
  }

  void work(Worker& worker) {
    int spare = 0;
    while (const auto next = take(spare)) {
      worker.set_spare_workers(spare);
      try {
        jobs_[*next].run(worker);
        finish(*next, JobState::done, nullptr);
      } catch (...) {
        // Cancelled by SIGINT/SIGTERM: rolled back and not done, but not a failure to report.
        if (interrupt_.triggered()) {
          finish(*next, JobState::pending, nullptr);
        } else {
          finish(*next, JobState::failed, std::current_exception());
        }
      }
    }
  }

  RunOutcome outcome() {
    RunOutcome outcome;
    for (std::size_t index = 0; index < states_.size(); ++index) {
      outcome.states.push_back(states_[index] == JobState::pending ? JobState::skipped
                                                                   : states_[index]);
    }
    outcome.failures = failures_;
    return outcome;
  }

private:
  // The ready job of highest priority; waits while jobs run; nothing when all is over.
  std::optional<std::size_t> take(int& spare) {
    std::unique_lock lock(mutex_);
    for (;;) {
      if (!failures_.empty() || interrupt_.triggered()) {
        return std::nullopt;
      }
      std::optional<std::size_t> best;
      std::size_t ready = 0;
      for (std::size_t index = 0; index < jobs_.size(); ++index) {
        if (!started_[index] && waiting_on_[index] == 0) {
          ++ready;
          if (!best || jobs_[index].priority > jobs_[*best].priority) {
            best = index;
          }
        }
      }
      if (best) {
        started_[*best] = true;
        ++running_;
        spare = spare_workers(worker_count_, running_, ready - 1);
        return best;
      }
      if (running_ == 0) {
        return std::nullopt; // nothing runs and nothing is ready: done (or blocked by failures)
      }
      changed_.wait(lock);
    }
  }

  void finish(std::size_t index, JobState state, std::exception_ptr error) {
    {
      std::lock_guard lock(mutex_);
      states_[index] = state;
      --running_;
      if (error) {
        failures_.push_back({index, error});
      } else if (state == JobState::done) {
        for (const std::size_t dependent : dependents_[index]) {
          --waiting_on_[dependent];
        }
      }
    }
    changed_.notify_all();
  }

  const std::vector<Job>& jobs_;
  int worker_count_;
  Interrupt& interrupt_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<JobState> states_;
  std::vector<bool> started_;
  std::vector<std::size_t> waiting_on_;
  std::vector<std::vector<std::size_t>> dependents_;
  std::vector<JobFailure> failures_;
  int running_ = 0;
};

} // namespace

int spare_workers(int workers, int running, std::size_t ready) {
  const auto busy = static_cast<std::int64_t>(running) + static_cast<std::int64_t>(ready);
  return static_cast<int>(std::max<std::int64_t>(workers - busy, 0));
}

RunOutcome run_jobs(const std::vector<Job>& jobs, int worker_count, const SessionSettings& settings,
                    Interrupt& interrupt) {
  Run run(jobs, worker_count, interrupt);
  std::vector<std::thread> threads;
  for (int number = 1; number <= worker_count; ++number) {
    threads.emplace_back([&run, &settings, &interrupt, number] {
      Worker worker(settings, interrupt, fmt::format("pgsplit apply worker {}", number));
      run.work(worker);
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  return run.outcome();
}

} // namespace pgsplit::copy
