#pragma once

#include <pgsplit/pg/connection.hpp>

#include <atomic>
#include <csignal>
#include <map>
#include <mutex>
#include <thread>

// Stopping a run: on SIGINT/SIGTERM (or the first failed job) every in-flight statement on
// every server is cancelled, so the workers roll back and return quickly.
namespace pgsplit::copy {

class Interrupt {
public:
  // Sends a cancel request to every registered connection, once; records why.
  void trigger(int signal_number = 0) noexcept;
  bool triggered() const { return triggered_.load(); }
  int signal_number() const { return signal_.load(); }

  // Connections register while they are open; cancelling an idle one is harmless.
  void watch(const pg::Connection& connection);
  // Before closing a watched connection (a worker moving to another target).
  void forget(const pg::Connection& connection);

private:
  std::atomic<bool> triggered_{false};
  std::atomic<int> signal_{0};
  std::mutex mutex_;
  std::map<const void*, pg::Canceller> cancellers_; // by the connection's libpq handle
};

// While alive, SIGINT and SIGTERM are blocked in every thread and handled by a watcher thread
// that triggers `interrupt`. Construct it before starting any worker thread.
class SignalWatcher {
public:
  explicit SignalWatcher(Interrupt& interrupt);
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;
  ~SignalWatcher();

private:
  sigset_t signals_{};
  sigset_t previous_{};
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

} // namespace pgsplit::copy
