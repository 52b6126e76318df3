#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/copy_stream.hpp>

#include <libpq-fe.h>

#include <string>
#include <utility>

namespace pgsplit::pg {
namespace {

// Reads and frees every pending result, so the connection can run the next statement.
void drain_results(PGconn* raw) noexcept {
  while (PGresult* result = PQgetResult(raw)) {
    PQclear(result);
  }
}

void expect_copy_state(Connection& connection, std::string_view statement, ExecStatusType wanted) {
  const std::string text(statement);
  PGresult* started = PQexec(connection.native(), text.c_str());
  if (started && PQresultStatus(started) == wanted) {
    PQclear(started);
    return;
  }
  Result owned = connection.check(started, statement); // throws on a server error
  drain_results(connection.native());
  throw core::Error("internal error: expected a COPY statement, got: " + text);
}

} // namespace

void CopyOut::Free::operator()(char* buffer) const noexcept { PQfreemem(buffer); }

CopyOut::CopyOut(Connection& connection, std::string_view copy_statement)
    : connection_(&connection), statement_(copy_statement) {
  expect_copy_state(connection, copy_statement, PGRES_COPY_OUT);
}

CopyOut::CopyOut(CopyOut&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)),
      statement_(std::move(other.statement_)), buffer_(std::move(other.buffer_)),
      bytes_(other.bytes_), at_end_(other.at_end_),
      finished_(std::exchange(other.finished_, true)) {}

CopyOut::~CopyOut() {
  if (connection_ && !finished_) {
    abandon();
  }
}

bool CopyOut::read(std::string_view& chunk) {
  if (at_end_) {
    return false;
  }
  char* raw_buffer = nullptr;
  const int size = PQgetCopyData(connection_->native(), &raw_buffer, 0);
  buffer_.reset(raw_buffer);
  if (size > 0) {
    bytes_ += size;
    chunk = std::string_view(raw_buffer, static_cast<std::size_t>(size));
    return true;
  }
  at_end_ = true;
  if (size == -2) {
    connection_->throw_error(nullptr, statement_);
  }
  read_final_result();
  return false;
}

void CopyOut::read_final_result() {
  PGresult* final_result = PQgetResult(connection_->native());
  Result owned = connection_->check(final_result, statement_);
  rows_ = owned.affected_rows();
  drain_results(connection_->native());
}

std::int64_t CopyOut::finish() {
  std::string_view ignored;
  while (read(ignored)) {
    // Data the caller did not want: consumed so the connection is usable again.
  }
  finished_ = true;
  return bytes_;
}

void CopyOut::abandon() noexcept {
  // Ask the server to stop sending, then consume what is still on the wire.
  connection_->canceller().cancel();
  char* raw_buffer = nullptr;
  while (PQgetCopyData(connection_->native(), &raw_buffer, 0) > 0) {
    PQfreemem(raw_buffer);
    raw_buffer = nullptr;
  }
  drain_results(connection_->native());
  finished_ = true;
}

CopyIn::CopyIn(Connection& connection, std::string_view copy_statement)
    : connection_(&connection), statement_(copy_statement) {
  expect_copy_state(connection, copy_statement, PGRES_COPY_IN);
  pending_.reserve(batch_bytes);
}

CopyIn::CopyIn(CopyIn&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)),
      statement_(std::move(other.statement_)), pending_(std::move(other.pending_)),
      active_(std::exchange(other.active_, false)) {}

CopyIn::~CopyIn() {
  if (connection_ && active_) {
    abort("pgsplit abandoned this COPY");
  }
}

void CopyIn::write(std::string_view data) {
  if (pending_.size() + data.size() <= batch_bytes) {
    pending_.append(data);
    return;
  }
  send(pending_);
  pending_.clear();
  if (data.size() >= batch_bytes) {
    send(data); // a large value goes as it is, without a copy
  } else {
    pending_.append(data);
  }
}

void CopyIn::send(std::string_view data) {
  if (data.empty()) {
    return;
  }
  if (PQputCopyData(connection_->native(), data.data(), static_cast<int>(data.size())) != 1) {
    active_ = false;
    connection_->throw_error(nullptr, statement_);
  }
}

std::int64_t CopyIn::finish() {
  send(pending_);
  pending_.clear();
  active_ = false;
  if (PQputCopyEnd(connection_->native(), nullptr) != 1) {
    connection_->throw_error(nullptr, statement_);
  }
  PGresult* final_result = PQgetResult(connection_->native());
  Result owned = connection_->check(final_result, statement_);
  drain_results(connection_->native());
  return owned.affected_rows();
}

void CopyIn::abort(std::string_view reason) noexcept {
  if (!active_) {
    return;
  }
  active_ = false;
  const std::string message(reason);
  PQputCopyEnd(connection_->native(), message.c_str());
  drain_results(connection_->native());
}

} // namespace pgsplit::pg
