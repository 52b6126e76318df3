#include <pgsplit/copy/interrupt.hpp>

#include <ctime>

namespace pgsplit::copy {

void Interrupt::trigger(int signal_number) noexcept {
  if (signal_number != 0) {
    signal_.store(signal_number);
  }
  if (triggered_.exchange(true)) {
    return;
  }
  std::lock_guard lock(mutex_);
  for (const auto& [connection, canceller] : cancellers_) {
    canceller.cancel();
  }
}

void Interrupt::watch(const pg::Connection& connection) {
  std::lock_guard lock(mutex_);
  const auto& canceller =
      cancellers_.insert_or_assign(connection.native(), connection.canceller()).first->second;
  if (triggered_.load()) {
    canceller.cancel();
  }
}

void Interrupt::forget(const pg::Connection& connection) {
  std::lock_guard lock(mutex_);
  cancellers_.erase(connection.native());
}

SignalWatcher::SignalWatcher(Interrupt& interrupt) {
  sigemptyset(&signals_);
  sigaddset(&signals_, SIGINT);
  sigaddset(&signals_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals_, &previous_);
  thread_ = std::thread([this, &interrupt] {
    const timespec tick{0, 200'000'000};
    while (!stopping_.load()) {
      const int received = sigtimedwait(&signals_, nullptr, &tick);
      if (received == SIGINT || received == SIGTERM) {
        interrupt.trigger(received);
      }
    }
  });
}

SignalWatcher::~SignalWatcher() {
  stopping_.store(true);
  thread_.join();
  pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

} // namespace pgsplit::copy
