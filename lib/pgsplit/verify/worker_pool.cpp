#include <pgsplit/pg/snapshot.hpp>
#include <pgsplit/verify/worker_pool.hpp>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

namespace pgsplit::verify {
namespace {

class Pool {
public:
  explicit Pool(const std::vector<Task>& tasks) : tasks_(tasks) {}

  // Takes tasks until none is left or one failed anywhere.
  void drain(Worker& worker) {
    while (!failed_.load()) {
      const std::size_t index = next_.fetch_add(1);
      if (index >= tasks_.size()) {
        return;
      }
      tasks_[index](worker);
    }
  }

  void record(std::exception_ptr error) {
    const std::lock_guard lock(mutex_);
    if (!first_error_) {
      first_error_ = std::move(error);
    }
    failed_.store(true);
  }

  void rethrow() const {
    if (first_error_) {
      std::rethrow_exception(first_error_);
    }
  }

private:
  const std::vector<Task>& tasks_;
  std::atomic<std::size_t> next_{0};
  std::atomic<bool> failed_{false};
  std::mutex mutex_;
  std::exception_ptr first_error_;
};

} // namespace

void run_tasks(pg::Connection& source, const config::Mapping& mapping, int jobs,
               const std::vector<Task>& tasks) {
  if (tasks.empty()) {
    return;
  }
  const std::size_t workers = std::min(static_cast<std::size_t>(std::max(jobs, 1)), tasks.size());
  Pool pool(tasks);
  std::vector<std::jthread> helpers;
  if (workers > 1) {
    const std::string snapshot = pg::export_snapshot(source);
    for (std::size_t i = 1; i < workers; ++i) {
      helpers.emplace_back([&pool, &mapping, snapshot] {
        try {
          auto own_source = open_source_in_snapshot(mapping.source.url, snapshot);
          TargetSessions targets(mapping);
          Worker worker{own_source, targets};
          pool.drain(worker);
        } catch (...) {
          pool.record(std::current_exception());
        }
      });
    }
  }
  try {
    TargetSessions targets(mapping);
    Worker worker{source, targets};
    pool.drain(worker);
  } catch (...) {
    pool.record(std::current_exception());
  }
  helpers.clear(); // joins every helper
  pool.rethrow();
}

} // namespace pgsplit::verify
