#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/pg/conninfo.hpp>
#include <pgsplit/pg/sqlstate.hpp>

#include <fmt/format.h>
#include <libpq-fe.h>

#include <array>

namespace pgsplit::pg {
namespace {

std::string trim_message(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  return message;
}

std::string field(const PGresult* result, int code) {
  const char* value = result ? PQresultErrorField(result, code) : nullptr;
  return value ? value : "";
}

// What the operator should check, from libpq's connection failure message. Best effort: the
// server's part of it is in the server's language. A missing database is not told from the
// text at all (see maintenance.hpp): the callers that care ask the server's catalog.
std::string connection_hint(std::string_view message) {
  if (message.find("password authentication failed") != std::string_view::npos ||
      message.find("no password supplied") != std::string_view::npos) {
    return "check the user and password (in the URL, PGPASSWORD or ~/.pgpass)";
  }
  if (message.find("Connection refused") != std::string_view::npos ||
      message.find("timeout") != std::string_view::npos ||
      message.find("could not translate host name") != std::string_view::npos) {
    return "check the host and port, and that the server is running and reachable";
  }
  return {};
}

// "postgresql://user@host:port/db" as libpq resolved it (defaults and PG* variables applied).
std::string describe_connected(PGconn* raw) {
  std::string text = "postgresql://";
  const char* user = PQuser(raw);
  if (user && *user) {
    text += std::string(user) + "@";
  }
  const char* host = PQhost(raw);
  text += host ? host : "";
  const char* port = PQport(raw);
  if (port && *port) {
    text += std::string(":") + port;
  }
  const char* dbname = PQdb(raw);
  if (dbname && *dbname) {
    text += std::string("/") + dbname;
  }
  return text;
}

std::string shorten(std::string_view statement) {
  constexpr std::size_t limit = 160;
  std::string text(statement.substr(0, limit));
  for (char& character : text) {
    if (character == '\n' || character == '\t') {
      character = ' ';
    }
  }
  return statement.size() > limit ? text + " …" : text;
}

} // namespace

void Canceller::Free::operator()(pg_cancel* raw) const noexcept { PQfreeCancel(raw); }

Canceller::Canceller(pg_cancel* raw) : raw_(raw) {}

bool Canceller::cancel() const noexcept {
  if (!raw_) {
    return false;
  }
  std::array<char, 256> error_buffer{};
  return PQcancel(raw_.get(), error_buffer.data(), static_cast<int>(error_buffer.size())) == 1;
}

void Connection::Finish::operator()(pg_conn* raw) const noexcept { PQfinish(raw); }

Connection::Connection(pg_conn* raw, std::string description)
    : raw_(raw), description_(std::move(description)) {}

Connection Connection::open(const std::string& conninfo, const ConnectOptions& options) {
  const auto parsed = parse_conninfo(conninfo);
  if (!parsed.ok()) {
    throw core::ConnectionError("<invalid connection string>",
                                redact_secrets(parsed.error, conninfo),
                                "use a libpq URI (postgresql://user@host:port/db) or key=value "
                                "pairs (host=… dbname=…)");
  }
  // The caller's string is expanded as dbname; our application_name comes first so that an
  // application_name in the string still wins.
  // replication comes after the string: the session must be what the caller asked for.
  const std::array<const char*, 4> keywords{"application_name", "dbname",
                                            options.replication ? "replication" : nullptr, nullptr};
  const std::array<const char*, 4> values{options.application_name.c_str(), conninfo.c_str(),
                                          options.replication ? "database" : nullptr, nullptr};
  std::unique_ptr<pg_conn, Finish> raw(PQconnectdbParams(keywords.data(), values.data(), 1));
  if (!raw) {
    throw core::ConnectionError(describe_conninfo(conninfo), "out of memory");
  }
  if (PQstatus(raw.get()) != CONNECTION_OK) {
    const std::string message = redact_secrets(trim_message(PQerrorMessage(raw.get())), conninfo);
    throw core::ConnectionError(describe_connected(raw.get()), message, connection_hint(message));
  }
  // Server NOTICEs ("extension already exists, skipping") are not for the operator.
  PQsetNoticeProcessor(
      raw.get(), [](void*, const char*) {}, nullptr);
  Connection connection(raw.release(), "");
  connection.description_ = describe_connected(connection.native());
  connection.exec("SET standard_conforming_strings = on");
  // As pg_dump: a query that a row-level security policy would filter fails instead of
  // silently reading (and copying, or verifying) a subset of the rows.
  connection.exec("SET row_security = off");
  if (options.read_only) {
    connection.exec("SET default_transaction_read_only = on");
  }
  return connection;
}

Result Connection::exec(std::string_view sql) {
  const std::string text(sql);
  return check(PQexec(raw_.get(), text.c_str()), sql);
}

Result Connection::exec(std::string_view sql, const Params& params) {
  const std::string text(sql);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) {
    values.push_back(param ? param->c_str() : nullptr);
  }
  return check(PQexecParams(raw_.get(), text.c_str(), static_cast<int>(values.size()), nullptr,
                            values.data(), nullptr, nullptr, 0),
               sql);
}

int Connection::server_version() const { return PQserverVersion(raw_.get()); }

void Connection::rollback_quietly() noexcept {
  if (is_broken()) {
    return;
  }
  PQclear(PQexec(raw_.get(), "ROLLBACK"));
}

bool Connection::is_broken() const { return PQstatus(raw_.get()) != CONNECTION_OK; }

std::string Connection::quote_ident(std::string_view name) const {
  char* escaped = PQescapeIdentifier(raw_.get(), name.data(), name.size());
  if (!escaped) {
    throw core::Error(
        fmt::format("cannot quote identifier: {}", trim_message(PQerrorMessage(raw_.get()))));
  }
  std::string quoted(escaped);
  PQfreemem(escaped);
  return quoted;
}

std::string Connection::quote_qualified(std::string_view schema, std::string_view name) const {
  return quote_ident(schema) + "." + quote_ident(name);
}

Canceller Connection::canceller() const { return Canceller(PQgetCancel(raw_.get())); }

Result Connection::check(pg_result* raw, std::string_view statement) const {
  Result owned(raw);
  switch (raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR) {
  case PGRES_COMMAND_OK:
  case PGRES_TUPLES_OK:
  case PGRES_COPY_OUT:
  case PGRES_COPY_IN:
  case PGRES_EMPTY_QUERY:
    return owned;
  default:
    throw_error(raw, statement);
  }
}

void Connection::throw_error(const pg_result* result, std::string_view statement) const {
  core::SqlError::Details details;
  details.sqlstate = field(result, PG_DIAG_SQLSTATE);
  details.message = field(result, PG_DIAG_MESSAGE_PRIMARY);
  details.detail = field(result, PG_DIAG_MESSAGE_DETAIL);
  details.hint = field(result, PG_DIAG_MESSAGE_HINT);
  if (details.message.empty()) {
    details.message = trim_message(PQerrorMessage(raw_.get()));
  }
  if (details.sqlstate.empty() && is_broken()) {
    details.sqlstate = std::string(sqlstate::connection_failure);
  }
  details.connection = description_;
  details.statement = shorten(statement);
  throw core::SqlError(std::move(details));
}

} // namespace pgsplit::pg
