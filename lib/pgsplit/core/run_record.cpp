#include <pgsplit/core/run_record.hpp>

#include <atomic>
#include <mutex>

namespace pgsplit::core {
namespace {

std::atomic<bool> written{false};
std::mutex first_mutex;
std::string first; // guarded by first_mutex

} // namespace

void record_write(std::string_view what) {
  if (written.load(std::memory_order_acquire)) {
    return;
  }
  std::lock_guard lock(first_mutex);
  if (first.empty()) {
    first = what;
  }
  written.store(true, std::memory_order_release);
}

bool anything_written() { return written.load(std::memory_order_acquire); }

std::string first_write() {
  std::lock_guard lock(first_mutex);
  return first;
}

void reset_run_record() {
  std::lock_guard lock(first_mutex);
  first.clear();
  written.store(false, std::memory_order_release);
}

} // namespace pgsplit::core
