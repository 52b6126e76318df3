#include <pgsplit/copy/worker.hpp>
#include <pgsplit/pg/quote.hpp>

#include <fmt/format.h>

namespace pgsplit::copy {

void set_session_timeouts(pg::Connection& connection) {
  connection.exec("SELECT set_config('statement_timeout', '0', false) FROM pg_settings "
                  "WHERE name = 'statement_timeout' AND source <> 'client'");
  connection.exec("SET idle_in_transaction_session_timeout = 0");
}

pg::Connection open_target_session(const std::string& url, const std::string& application_name,
                                   const std::string& maintenance_work_mem) {
  auto connection = pg::Connection::open(url, {.application_name = application_name});
  // The data is only durable once apply has finished and verified it; until then a crash means
  // `apply --resume`, so commits need not wait for the WAL flush.
  connection.exec("SET synchronous_commit = off; SET client_encoding = 'UTF8'");
  set_session_timeouts(connection);
  connection.exec("SELECT set_config('maintenance_work_mem', $1, false)", {maintenance_work_mem});
  return connection;
}

Worker::Worker(const SessionSettings& settings, Interrupt& interrupt, std::string application_name)
    : settings_(settings), interrupt_(interrupt), application_name_(std::move(application_name)) {}

pg::Connection& Worker::source() {
  if (!source_) {
    source_.emplace(pg::Connection::open(
        settings_.source_url, {.application_name = application_name_, .read_only = true}));
    interrupt_.watch(*source_);
    source_->exec("SET client_encoding = 'UTF8'");
    set_session_timeouts(*source_);
    source_->exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    source_->exec(
        fmt::format("SET TRANSACTION SNAPSHOT {}", pg::quote_literal(settings_.snapshot)));
  }
  return *source_;
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
    interrupt_.forget(*source_);
  }
}

} // namespace pgsplit::copy
