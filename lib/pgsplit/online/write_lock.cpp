#include <pgsplit/core/error.hpp>
#include <pgsplit/online/write_lock.hpp>
#include <pgsplit/pg/quote.hpp>
#include <pgsplit/pg/snapshot.hpp>
#include <pgsplit/pg/sqlstate.hpp>

#include <fmt/format.h>

#include <set>

namespace pgsplit::online {
namespace {

std::string lock_list(const plan::Plan& plan, std::string& oids) {
  std::set<std::string> tables;
  oids = "{";
  for (const auto& target : plan.targets) {
    for (const auto& placed : target.tables) {
      tables.insert(pg::quote_qualified(placed.source_name.schema, placed.source_name.name));
      oids += (oids.size() > 1 ? "," : "") + std::to_string(placed.table);
    }
  }
  oids += "}";
  return fmt::format("{}", fmt::join(tables, ", "));
}

// Who holds locks on the moved tables, from a second session (the locking one is aborted).
std::string holders(const std::string& source_url, const std::string& oids) {
  auto session =
      pg::Connection::open(source_url, {.application_name = "pgsplit cutover", .read_only = true});
  const auto rows = session.exec(
      "SELECT DISTINCT a.pid, coalesce(a.usename::text, '?') AS usename, "
      "  coalesce(a.application_name, '') AS application, coalesce(a.state, '') AS state, "
      "  left(regexp_replace(coalesce(a.query, ''), '\\s+', ' ', 'g'), 60) AS query "
      "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
      "WHERE l.relation = ANY($1::oid[]) AND l.granted AND a.pid <> pg_backend_pid() "
      "  AND l.mode NOT IN ('AccessShareLock') "
      "ORDER BY a.pid",
      {oids});
  std::string list;
  for (int row = 0; row < rows.rows(); ++row) {
    list += fmt::format("\n  pid {} ({}, {}, {}): {}", rows.text(row, "pid"),
                        rows.text(row, "usename"), rows.text(row, "application"),
                        rows.text(row, "state"), rows.text(row, "query"));
  }
  return list.empty() ? " (they have gone since)" : list;
}

core::Error lock_timeout_error(const std::string& source_url, const std::string& oids,
                               std::chrono::milliseconds lock_timeout) {
  return core::Error(
      fmt::format("cut-over could not freeze writes within {} ms: sessions hold locks on "
                  "the moved tables:{}",
                  lock_timeout.count(), holders(source_url, oids)),
      "nothing was changed; let them finish (or stop them) and run `pgsplit cutover` again, "
      "or give more time with --lock-timeout");
}

} // namespace

WriteLock::WriteLock(const std::string& source_url, const plan::Plan& plan,
                     std::chrono::milliseconds lock_timeout)
    : session_(pg::Connection::open(source_url, {.application_name = "pgsplit cutover"})) {
  pg::turn_off_inherited_timeouts(session_);
  std::string oids;
  const auto tables = lock_list(plan, oids);
  // The tables are locked one after the other: an application transaction that holds one and
  // waits for another may deadlock with us. PostgreSQL then cancels one of the two; when it is
  // us, we try again, a few times.
  constexpr int attempts = 5;
  int attempt = 1;
  try {
    while (!try_lock(tables, lock_timeout, attempt == attempts)) {
      ++attempt;
    }
  } catch (const core::SqlError& error) {
    if (error.sqlstate() != pg::sqlstate::lock_not_available) {
      throw;
    }
    throw lock_timeout_error(source_url, oids, lock_timeout);
  }
  granted_ = std::chrono::steady_clock::now();
  session_.exec("SELECT set_config('lock_timeout', '0', true)");
  position_ = session_.exec("SELECT pg_current_wal_lsn()::text AS lsn").text(0, "lsn");
}

bool WriteLock::try_lock(const std::string& tables, std::chrono::milliseconds lock_timeout,
                         bool last_attempt) {
  session_.exec("BEGIN");
  open_ = true;
  session_.exec("SELECT set_config('lock_timeout', $1, true)",
                {std::to_string(lock_timeout.count()) + "ms"});
  try {
    session_.exec(fmt::format("LOCK TABLE {} IN EXCLUSIVE MODE", tables));
    return true;
  } catch (const core::SqlError& error) {
    session_.rollback_quietly();
    open_ = false;
    if (error.sqlstate() == pg::sqlstate::deadlock_detected && !last_attempt) {
      return false;
    }
    throw;
  }
}

WriteLock::~WriteLock() {
  if (open_) {
    session_.rollback_quietly();
  }
}

double WriteLock::end(const char* statement) {
  session_.exec(statement);
  open_ = false;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - granted_).count();
}

double WriteLock::commit() { return end("COMMIT"); }
double WriteLock::release() { return end("ROLLBACK"); }

} // namespace pgsplit::online
