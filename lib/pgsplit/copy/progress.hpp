#pragma once

#include <pgsplit/copy/table_copy.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// What a run has done so far, for the live display and the final report. Each table copy has
// an entry with live counters; a reporter thread draws them: on a terminal one line per active
// copy plus an overall bar (bytes done / estimated total, ETA), redrawn in place; otherwise a
// log line every few seconds. Nothing with --quiet.
namespace pgsplit::copy {

// interrupted: stopped by SIGINT/SIGTERM and rolled back, not a failure of the table.
enum class CopyStatus { waiting, running, done, skipped, failed, interrupted };

struct CopyEntry {
  std::string target;
  std::string table;
  std::int64_t estimated_bytes = 0;
  CopyCounters counters;
  std::atomic<CopyStatus> status{CopyStatus::waiting};
  std::chrono::steady_clock::time_point started;
  // When done. Atomic: the parts of a split table may fail, and finish it, at the same time.
  std::atomic<double> seconds{0};
  int parts = 1; // > 1: copied in that many concurrent parts
  std::atomic<int> parts_committed{0};
  // Rows the source's COPY sent for the copies (or parts) this run committed.
  std::atomic<std::int64_t> source_rows{0};
};

enum class ProgressStyle { terminal, log, quiet };

class Progress {
public:
  CopyEntry& add(const TableCopy& copy);
  void start(CopyEntry& entry);
  void finish(CopyEntry& entry, CopyStatus status);

  // Starts / stops the reporter thread.
  void show(ProgressStyle style);
  void stop();
  ~Progress();

  const std::deque<CopyEntry>& entries() const { return entries_; }
  std::chrono::steady_clock::time_point begun() const { return begun_; }

private:
  void draw(bool final_frame);

  std::deque<CopyEntry> entries_; // stable addresses
  std::chrono::steady_clock::time_point begun_ = std::chrono::steady_clock::now();
  ProgressStyle style_ = ProgressStyle::quiet;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  int lines_drawn_ = 0;
  std::thread reporter_;
};

} // namespace pgsplit::copy
