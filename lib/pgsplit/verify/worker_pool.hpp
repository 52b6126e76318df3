#pragma once

#include <pgsplit/config/mapping.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/verify/sessions.hpp>

#include <functional>
#include <vector>

// Running verify's tasks on several workers, all reading the source in one snapshot.
namespace pgsplit::verify {

// What a task runs on: its worker's own sessions (libpq connections are never shared between
// threads).
struct Worker {
  pg::Connection& source; // inside the verify snapshot
  TargetSessions& targets;
};

using Task = std::function<void(Worker&)>;

// Runs every task once, on up to `jobs` workers taking the next task as they finish one. The
// calling thread is the first worker, on `source` (the caller's snapshot); with more than one
// job, that snapshot is exported and every other worker opens its own read-only source
// session inside it (mapping.source.url), so all of them see the same rows. After a failure
// no new task starts; the first error is rethrown once every worker has stopped.
void run_tasks(pg::Connection& source, const config::Mapping& mapping, int jobs,
               const std::vector<Task>& tasks);

} // namespace pgsplit::verify
