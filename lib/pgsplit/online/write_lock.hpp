#pragma once

#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/plan.hpp>

#include <chrono>
#include <string>

// The write freeze of cut-over: every moved source table locked IN EXCLUSIVE MODE by one
// transaction. Reads go on; writers wait. Released by commit() (after the fence went in within
// the same transaction) or release(); the destructor rolls back whatever is still open.
namespace pgsplit::online {

class WriteLock {
public:
  // Waits at most `lock_timeout` for the locks; when they cannot be had, throws core::Error
  // naming the sessions that hold conflicting locks.
  WriteLock(const std::string& source_url, const plan::Plan& plan,
            std::chrono::milliseconds lock_timeout);
  WriteLock(const WriteLock&) = delete;
  WriteLock& operator=(const WriteLock&) = delete;
  ~WriteLock();

  pg::Connection& session() { return session_; }
  // pg_current_wal_lsn() once the locks were granted: every write to the moved tables is
  // before it.
  const std::string& position() const { return position_; }
  // Commit or roll back; both return the seconds the locks were held.
  double commit();
  double release();

private:
  // One attempt at every lock: false when PostgreSQL cancelled it to break a deadlock and
  // another attempt may follow; throws on any other failure (a lock timeout among them).
  bool try_lock(const std::string& tables, std::chrono::milliseconds lock_timeout,
                bool last_attempt);
  double end(const char* statement);

  pg::Connection session_;
  std::string position_;
  std::chrono::steady_clock::time_point granted_;
  bool open_ = false;
};

} // namespace pgsplit::online
