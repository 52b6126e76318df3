#pragma once

#include <pgsplit/pg/connection.hpp>

#include <cstdint>
#include <memory>
#include <string_view>

// COPY streams move raw COPY data (text or binary, whatever the statement asked for) without
// parsing it: bytes read from a CopyOut are written unchanged to a CopyIn.
namespace pgsplit::pg {

// `COPY … TO STDOUT` on a connection. read() until it returns false, then finish().
// Destroying an unfinished stream cancels the statement and drains the connection quietly.
class CopyOut {
public:
  CopyOut(Connection& connection, std::string_view copy_statement);
  CopyOut(CopyOut&&) noexcept;
  CopyOut& operator=(CopyOut&&) = delete;
  CopyOut(const CopyOut&) = delete;
  CopyOut& operator=(const CopyOut&) = delete;
  ~CopyOut();

  // Points `chunk` at the next piece of COPY data (valid until the next call) and returns true,
  // or returns false at the end of the data. Throws core::SqlError if the server failed.
  bool read(std::string_view& chunk);
  // Reads what is left, confirms the statement completed; returns the bytes received.
  std::int64_t finish();
  // After finish(): the rows the server says it sent (its command tag, `COPY n`).
  std::int64_t rows() const { return rows_; }

private:
  struct Free {
    void operator()(char* buffer) const noexcept;
  };
  void read_final_result();
  void abandon() noexcept;

  Connection* connection_;
  std::string statement_;
  std::unique_ptr<char, Free> buffer_;
  std::int64_t bytes_ = 0;
  std::int64_t rows_ = 0;
  bool at_end_ = false;
  bool finished_ = false;
};

// `COPY … FROM STDIN` on a connection. write() the data, then finish() to commit the statement.
// Destroying an unfinished stream ends the COPY with an error (so nothing of it is kept) and
// never throws. Writes are gathered into messages of about `batch_bytes`: COPY data is a byte
// stream, and one CopyData message per row would cost the client and the server a message
// each (a COPY TO sends one per row).
class CopyIn {
public:
  CopyIn(Connection& connection, std::string_view copy_statement);
  CopyIn(CopyIn&&) noexcept;
  CopyIn& operator=(CopyIn&&) = delete;
  CopyIn(const CopyIn&) = delete;
  CopyIn& operator=(const CopyIn&) = delete;
  ~CopyIn();

  static constexpr std::size_t batch_bytes = 64 * 1024;

  void write(std::string_view data);
  // Ends the data and waits for the server; returns the rows it stored. Throws core::SqlError.
  std::int64_t finish();
  // Ends the COPY with an error message so the server discards it. Never throws.
  void abort(std::string_view reason) noexcept;

private:
  void send(std::string_view data);

  Connection* connection_;
  std::string statement_;
  std::string pending_; // gathered writes, sent once batch_bytes are reached
  bool active_ = true;
};

} // namespace pgsplit::pg
