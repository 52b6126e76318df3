#include <pgsplit/copy/progress.hpp>
#include <pgsplit/core/byte_size.hpp>
#include <pgsplit/core/count.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

namespace pgsplit::copy {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string bar(double fraction, int width) {
  const int filled = static_cast<int>(fraction * width);
  return std::string(static_cast<std::size_t>(std::clamp(filled, 0, width)), '#') +
         std::string(static_cast<std::size_t>(width - std::clamp(filled, 0, width)), '.');
}

} // namespace

CopyEntry& Progress::add(const TableCopy& copy) {
  auto& entry = entries_.emplace_back();
  entry.target = copy.target;
  entry.table = copy.target_name.to_string();
  entry.estimated_bytes = copy.estimated_bytes;
  entry.parts = copy.parts.empty() ? 1 : static_cast<int>(copy.parts.size());
  return entry;
}

void Progress::start(CopyEntry& entry) {
  entry.started = Clock::now();
  entry.status.store(CopyStatus::running);
}

void Progress::finish(CopyEntry& entry, CopyStatus status) {
  if (status != CopyStatus::skipped) {
    entry.seconds.store(seconds_since(entry.started));
  }
  entry.status.store(status);
}

void Progress::show(ProgressStyle style) {
  style_ = style;
  if (style == ProgressStyle::quiet) {
    return;
  }
  reporter_ = std::thread([this] {
    const auto period = style_ == ProgressStyle::terminal ? std::chrono::milliseconds(500)
                                                          : std::chrono::milliseconds(5000);
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, period, [this] { return stopping_; })) {
      draw(false);
    }
    draw(true);
  });
}

void Progress::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (reporter_.joinable()) {
    reporter_.join();
  }
}

Progress::~Progress() { stop(); }

void Progress::draw(bool final_frame) {
  std::int64_t total = 0;
  std::int64_t done_bytes = 0;
  int finished = 0;
  std::vector<const CopyEntry*> active;
  for (const auto& entry : entries_) {
    const auto status = entry.status.load();
    total += entry.estimated_bytes;
    const auto bytes = entry.counters.bytes.load();
    // An estimate is the on-disk size; COPY bytes differ, so a table never counts for more.
    done_bytes += status == CopyStatus::done || status == CopyStatus::skipped
                      ? entry.estimated_bytes
                      : std::min(bytes, entry.estimated_bytes);
    finished += status == CopyStatus::done || status == CopyStatus::skipped ? 1 : 0;
    if (status == CopyStatus::running) {
      active.push_back(&entry);
    }
  }
  const double elapsed = seconds_since(begun_);
  const double fraction =
      total > 0 ? static_cast<double>(done_bytes) / static_cast<double>(total) : 1.0;
  const double eta = fraction > 0.01 ? elapsed / fraction - elapsed : 0;
  std::string frame;
  if (style_ == ProgressStyle::terminal) {
    if (lines_drawn_ > 0) {
      frame += fmt::format("\x1b[{}A\x1b[J", lines_drawn_);
    }
    lines_drawn_ = 0;
    if (!final_frame) {
      for (const auto* entry : active) {
        const double running = std::max(seconds_since(entry->started), 0.001);
        const auto bytes = entry->counters.bytes.load();
        const auto parts =
            entry->parts > 1
                ? fmt::format("  parts {}/{} done", entry->parts_committed.load(), entry->parts)
                : std::string{};
        frame +=
            fmt::format("  {}: {}  {} rows  {}  {}/s{}\n", entry->target, entry->table,
                        core::format_count(entry->counters.rows.load()), core::format_bytes(bytes),
                        core::format_bytes(static_cast<std::int64_t>(bytes / running)), parts);
        ++lines_drawn_;
      }
    }
    frame += fmt::format("[{}] {:3.0f}%  {} / {}  tables {}/{}  {:.0f}s elapsed{}\n",
                         bar(fraction, 30), fraction * 100, core::format_bytes(done_bytes),
                         core::format_bytes(total), finished, entries_.size(), elapsed,
                         final_frame ? "" : fmt::format("  ETA {:.0f}s", eta));
    ++lines_drawn_;
  } else {
    frame = fmt::format("pgsplit: {:.0f}s: {}/{} tables, {} of about {} ({:.0f}%), {} running\n",
                        elapsed, finished, entries_.size(), core::format_bytes(done_bytes),
                        core::format_bytes(total), fraction * 100, active.size());
  }
  std::fputs(frame.c_str(), stderr);
  std::fflush(stderr);
}

} // namespace pgsplit::copy
