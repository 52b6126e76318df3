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
  for (const auto& canceller : cancellers_) {
    canceller.cancel();
  }
}

void Interrupt::watch(const pg::Connection& connection) {
  std::lock_guard lock(mutex_);
  cancellers_.push_back(connection.canceller());
  if (triggered_.load()) {
    cancellers_.back().cancel();
  }
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
