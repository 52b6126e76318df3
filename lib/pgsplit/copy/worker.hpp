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
  std::map<std::string, std::string> target_urls;
  std::string maintenance_work_mem = "256MB";
};

class Worker {
public:
  Worker(const SessionSettings& settings, Interrupt& interrupt, std::string application_name);
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;
  ~Worker();

  // Read-only, REPEATABLE READ, in the shared snapshot; timeouts as set_session_timeouts says.
  pg::Connection& source();
  // synchronous_commit off, timeouts as set_session_timeouts says. Closes the session of the
  // previous target, if another: a reference returned earlier is then gone.
  pg::Connection& target(const std::string& name);

  // A signal stopped the run: what fails now fails because it was cancelled.
  bool interrupted() const { return interrupt_.triggered(); }

private:
  void close_target();

  const SessionSettings& settings_;
  Interrupt& interrupt_;
  std::string application_name_;
  std::optional<pg::Connection> source_;
  std::optional<std::pair<std::string, pg::Connection>> target_; // name and session
};

// The timeouts of every session of a copy. A statement_timeout that comes from the role, the
// database or the server's configuration is meant for application queries and would cut a long
// COPY: it is turned off. One the operator gave with the connection (`options=-c
// statement_timeout=…` in the URL, PGOPTIONS) is kept: they asked for it. Sessions holding the
// snapshot sit idle in their transaction between jobs, so idle_in_transaction_session_timeout
// is turned off. lock_timeout is left as it is.
void set_session_timeouts(pg::Connection& connection);

// A target session with pgsplit's settings, outside any worker (DDL, sequences, stamps).
pg::Connection open_target_session(const std::string& url, const std::string& application_name,
                                   const std::string& maintenance_work_mem);

} // namespace pgsplit::copy
