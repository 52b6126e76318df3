#include <pgsplit/copy/worker.hpp>
#include <pgsplit/core/run_record.hpp>
#include <pgsplit/pg/conninfo.hpp>
#include <pgsplit/pg/snapshot.hpp>

#include <algorithm>
#include <string>

namespace pgsplit::copy {

pg::Connection open_target_session(const std::string& url, const std::string& application_name,
                                   const std::string& maintenance_work_mem) {
  core::record_write(pg::describe_conninfo(url)); // every such session is opened to write
  auto connection = pg::Connection::open(url, {.application_name = application_name});
  // The data is only durable once apply has finished and verified it; until then a crash means
  // `apply --resume`, so commits need not wait for the WAL flush.
  connection.exec("SET synchronous_commit = off; SET client_encoding = 'UTF8'");
  pg::turn_off_inherited_timeouts(connection);
  connection.exec("SELECT set_config('maintenance_work_mem', $1, false)", {maintenance_work_mem});
  return connection;
}

void set_parallel_maintenance_workers(pg::Connection& target, int workers) {
  target.exec("SELECT set_config('max_parallel_maintenance_workers', $1, true)",
              {std::to_string(std::max(workers, 0))});
}

Worker::Worker(const SessionSettings& settings, Interrupt& interrupt, std::string application_name)
    : settings_(settings), interrupt_(interrupt), application_name_(std::move(application_name)) {}

const std::string& SessionSettings::snapshot_of(const std::string& target) const {
  const auto own = target_snapshots.find(target);
  return own == target_snapshots.end() ? snapshot : own->second;
}

pg::Connection& Worker::source(const std::string& target) {
  const auto& snapshot = settings_.snapshot_of(target);
  if (source_ && source_->first == snapshot) {
    return source_->second;
  }
  if (source_) {
    interrupt_.forget(source_->second);
    source_.reset();
  }
  source_.emplace(snapshot,
                  pg::open_in_snapshot(settings_.source_url, snapshot, application_name_));
  interrupt_.watch(source_->second);
  return source_->second;
}

pg::Connection& Worker::target(const std::string& name) {
  if (target_ && target_->first == name) {
    return target_->second;
  }
  // One target session at a time: with many targets, sessions kept per target touched would
  // add up to jobs x targets connections on a server.
  close_target();
  target_.emplace(name, open_target_session(settings_.target_urls.at(name), application_name_,
                                            settings_.maintenance_work_mem));
  interrupt_.watch(target_->second);
  return target_->second;
}

void Worker::close_target() {
  if (target_) {
    interrupt_.forget(target_->second);
    target_.reset();
  }
}

Worker::~Worker() {
  close_target();
  if (source_) {
    interrupt_.forget(source_->second);
  }
}

} // namespace pgsplit::copy
