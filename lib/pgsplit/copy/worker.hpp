#pragma once

#include <pgsplit/copy/interrupt.hpp>
#include <pgsplit/pg/connection.hpp>

#include <map>
#include <optional>
#include <string>

// The connections of one worker thread: one source session inside the shared snapshot and one
// session per target, opened on first use. libpq connections are never shared between threads.
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

  // Read-only, REPEATABLE READ, in the shared snapshot.
  pg::Connection& source();
  // synchronous_commit off, no statement timeout (an operator's lock_timeout stays).
  pg::Connection& target(const std::string& name);

private:
  const SessionSettings& settings_;
  Interrupt& interrupt_;
  std::string application_name_;
  std::optional<pg::Connection> source_;
  std::map<std::string, pg::Connection> targets_;
};

// A target session with pgsplit's settings, outside any worker (DDL, sequences, stamps).
pg::Connection open_target_session(const std::string& url, const std::string& application_name,
                                   const std::string& maintenance_work_mem);

} // namespace pgsplit::copy
