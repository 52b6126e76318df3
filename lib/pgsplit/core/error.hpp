#pragma once

#include <pgsplit/core/diagnostic.hpp>
#include <pgsplit/core/exit_code.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace pgsplit::core {

// The one error hierarchy of pgsplit. Library code throws these; `main` catches them once,
// prints `pgsplit: error: …` and exits with exit_code(). Messages never contain passwords:
// connections are always described through pg::describe_conninfo.
//
// Context is added on the way up (`add_context("target auth, table users")`) to the error
// itself, which is then rethrown with `throw;`: its kind (exit code) and, for an SqlError, its
// SQLSTATE survive the wrapping.
class Error : public std::runtime_error {
public:
  Error(std::string message, std::string hint = {});
  virtual ExitCode exit_code() const { return ExitCode::runtime_failure; }
  const char* what() const noexcept override { return text_.c_str(); }
  const std::string& hint() const { return hint_; }
  // Prefixes the message with `context: ` (outermost context first); a `hint` given here is
  // what to do at this level, and takes the place of the error's own.
  void add_context(std::string_view context, std::string_view hint = {});

private:
  std::string text_;
  std::string hint_;
};

// Runs `body`; an error it throws leaves with `context` in front of its message, same kind.
template <typename Body>
decltype(auto) with_context(std::string_view context, Body&& body, std::string_view hint = {}) {
  try {
    return body();
  } catch (Error& error) {
    error.add_context(context, hint);
    throw;
  }
}

// Bad command line (unknown command or option, invalid value).
class UsageError : public Error {
public:
  using Error::Error;
  ExitCode exit_code() const override { return ExitCode::usage; }
};

// Every problem of a mapping file collected and reported at once.
class ConfigError : public Error {
public:
  explicit ConfigError(Diagnostics diagnostics);
  ConfigError(Diagnostic diagnostic);
  ExitCode exit_code() const override { return ExitCode::usage; }
  const Diagnostics& diagnostics() const { return diagnostics_; }

private:
  Diagnostics diagnostics_;
};

// The plan has errors: nothing was written. The findings themselves were shown by the report
// (plan) or are listed in the message (apply).
class PlanError : public Error {
public:
  using Error::Error;
  ExitCode exit_code() const override { return ExitCode::usage; }
};

// A connection could not be established (unreachable host, wrong password, missing database).
// A usage error (exit 2) as long as nothing has been written; main turns it into a runtime
// failure (exit 1) once the run has written somewhere (see run_record.hpp).
class ConnectionError : public Error {
public:
  ConnectionError(std::string connection, std::string server_message, std::string hint = {});
  ExitCode exit_code() const override { return ExitCode::usage; }
  const std::string& connection() const { return connection_; }
  // libpq's message alone, without "cannot connect to <connection>".
  const std::string& server_message() const { return server_message_; }

private:
  std::string connection_;
  std::string server_message_;
};

// A statement failed on a server (or the connection broke while in use).
class SqlError : public Error {
public:
  struct Details {
    std::string sqlstate; // five characters; empty when the client failed before the server
    std::string message;  // the server's primary message
    std::string detail;
    std::string hint;
    std::string connection; // described without password
    std::string statement;  // what we were doing, shortened
  };
  explicit SqlError(Details details);
  ExitCode exit_code() const override { return ExitCode::runtime_failure; }
  const Details& details() const { return details_; }
  const std::string& sqlstate() const { return details_.sqlstate; }

private:
  Details details_;
};

// verify (or apply's final check) found that a target differs from the source.
class VerificationError : public Error {
public:
  using Error::Error;
  ExitCode exit_code() const override { return ExitCode::verification; }
};

// The run was stopped by SIGINT or SIGTERM.
class InterruptedError : public Error {
public:
  InterruptedError(std::string message, int signal_number);
  ExitCode exit_code() const override;

private:
  int signal_number_;
};

} // namespace pgsplit::core
