#pragma once

#include <pgsplit/pg/result.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;   // libpq's PGconn
struct pg_cancel; // libpq's PGcancel

namespace pgsplit::pg {

using Params = std::vector<std::optional<std::string>>; // text values; nullopt = NULL

struct ConnectOptions {
  std::string application_name = "pgsplit";
  // Every transaction of the session is READ ONLY (default_transaction_read_only = on):
  // used for every source session, so pgsplit cannot write to the monolith.
  bool read_only = false;
  // A logical replication connection (replication=database): it accepts the replication
  // protocol's commands (CREATE_REPLICATION_SLOT …) as well as plain SQL.
  bool replication = false;
};

// Sends a cancel request for whatever a connection is running. Safe to use from another
// thread (e.g. the signal watcher) while the connection is busy. Move-only.
class Canceller {
public:
  explicit Canceller(pg_cancel* raw);
  Canceller(Canceller&&) noexcept = default;
  Canceller& operator=(Canceller&&) noexcept = default;
  // Returns false when the request could not be sent; never throws.
  bool cancel() const noexcept;

private:
  struct Free {
    void operator()(pg_cancel* raw) const noexcept;
  };
  std::unique_ptr<pg_cancel, Free> raw_;
};

// One open libpq connection (PQfinish on destruction). Move-only.
class Connection {
public:
  // Connects or throws core::ConnectionError (message without password, with a hint).
  static Connection open(const std::string& conninfo, const ConnectOptions& options = {});

  Connection(Connection&&) noexcept = default;
  Connection& operator=(Connection&&) noexcept = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() = default;

  // Runs `sql` (one or more statements without parameters); throws core::SqlError.
  Result exec(std::string_view sql);
  // Runs one statement with $1… parameters sent separately from the text.
  Result exec(std::string_view sql, const Params& params);

  // "postgresql://user@host:port/dbname" — never the password.
  const std::string& description() const { return description_; }
  int server_version() const;
  // ROLLBACK of the open transaction after a failure; never throws (the failure that led here is
  // the one worth reporting) and does nothing on a broken connection.
  void rollback_quietly() noexcept;
  bool is_broken() const;

  // Identifier quoting by libpq (PQescapeIdentifier), honouring the client encoding.
  std::string quote_ident(std::string_view name) const;
  std::string quote_qualified(std::string_view schema, std::string_view name) const;

  Canceller canceller() const;

  // The libpq handle, for the COPY streams of this folder.
  pg_conn* native() const { return raw_.get(); }

  // Takes ownership of `raw`: returns it when the statement succeeded (rows, command, or the
  // start of a COPY), otherwise frees it and throws core::SqlError naming `statement`.
  Result check(pg_result* raw, std::string_view statement) const;
  // Throws the core::SqlError for a failure on this connection (`failed` may be null).
  [[noreturn]] void throw_error(const pg_result* failed, std::string_view statement) const;

private:
  struct Finish {
    void operator()(pg_conn* raw) const noexcept;
  };
  Connection(pg_conn* raw, std::string description);

  std::unique_ptr<pg_conn, Finish> raw_;
  std::string description_;
};

} // namespace pgsplit::pg
