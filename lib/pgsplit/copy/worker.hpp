#pragma once

#include <pgsplit/copy/interrupt.hpp>
#include <pgsplit/pg/connection.hpp>

#include <map>
#include <optional>
#include <string>
#include <utility>

// The connections of one worker thread: one source session inside the shared snapshot and at
// most one target session, opened on first use and closed when the worker moves to another
// target, so that a run holds at most -j target sessions whatever the number of targets.
// libpq connections are never shared between threads.
namespace pgsplit::copy {

struct SessionSettings {
  std::string source_url;
  std::string snapshot; // pg_export_snapshot() of the coordinating source session
  // Online mode: each target's tables are read in the snapshot its replication slot exported,
  // so that the slot's changes start exactly where the copy ends. Others read `snapshot`.
  std::map<std::string, std::string> target_snapshots;
  const std::string& snapshot_of(const std::string& target) const;
  std::map<std::string, std::string> target_urls;
  std::string maintenance_work_mem = "256MB";
};

class Worker {
public:
  Worker(const SessionSettings& settings, Interrupt& interrupt, std::string application_name);
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;
  ~Worker();

  // Read-only, REPEATABLE READ, in the snapshot `target`'s tables are read in (the shared one,
  // unless online mode gave the target its own); timeouts as pg::turn_off_inherited_timeouts
  // says. Reopened when the worker moves to a target with another snapshot.
  pg::Connection& source(const std::string& target);
  // synchronous_commit off, timeouts as pg::turn_off_inherited_timeouts says. Closes the
  // session of the previous target, if another: a reference returned earlier is then gone.
  pg::Connection& target(const std::string& name);

  // A signal stopped the run: what fails now fails because it was cancelled.
  bool interrupted() const { return interrupt_.triggered(); }

  // Workers with nothing to run when the scheduler handed this one its current job (see
  // spare_workers in scheduler.hpp): what an index build may borrow as parallel workers.
  int spare_workers() const { return spare_workers_; }
  void set_spare_workers(int count) { spare_workers_ = count; }

private:
  void close_target();

  const SessionSettings& settings_;
  Interrupt& interrupt_;
  std::string application_name_;
  std::optional<std::pair<std::string, pg::Connection>> source_; // snapshot and session
  std::optional<std::pair<std::string, pg::Connection>> target_; // name and session
  int spare_workers_ = 0;
};

// Sets max_parallel_maintenance_workers for the rest of `target`'s current transaction (a
// post-data job: the count of idle workers is only true while it runs; later jobs of the same
// session get the server's setting back): the server then builds each index with up to
// `workers` parallel workers besides the session itself (within its max_parallel_workers and
// max_worker_processes, and only for a table large enough). 0 builds serially: while every
// worker copies, a parallel build would only take CPU from them.
void set_parallel_maintenance_workers(pg::Connection& target, int workers);

// A target session with pgsplit's settings (timeouts as pg::turn_off_inherited_timeouts says),
// opened to write: the run counts as having written (core::record_write).
pg::Connection open_target_session(const std::string& url, const std::string& application_name,
                                   const std::string& maintenance_work_mem);

} // namespace pgsplit::copy
