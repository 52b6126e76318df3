#pragma once

#include <pgsplit/core/diagnostic.hpp>
#include <pgsplit/core/exit_code.hpp>

#include <stdexcept>
#include <string>

namespace pgsplit::core {

// The one error hierarchy of pgsplit. Library code throws these; `main` catches them once,
// prints `pgsplit: error: …` and exits with exit_code(). Messages never contain passwords:
// connections are always described through pg::describe_conninfo.
class Error : public std::runtime_error {
public:
  Error(std::string message, std::string hint = {});
  virtual ExitCode exit_code() const { return ExitCode::runtime_failure; }
  const std::string& hint() const { return hint_; }

private:
  std::string hint_;
};

// Bad command line (unknown command or option, invalid value).
class UsageError : public Error {
public:
  using Error::Error;
  ExitCode exit_code() const override { return ExitCode::usage; }
};

// Every problem of a mapping file, or of a plan, collected and reported at once.
class ConfigError : public Error {
public:
  explicit ConfigError(Diagnostics diagnostics);
  ConfigError(Diagnostic diagnostic);
  ExitCode exit_code() const override { return ExitCode::usage; }
  const Diagnostics& diagnostics() const { return diagnostics_; }

private:
  Diagnostics diagnostics_;
};

// A connection could not be established (unreachable host, wrong password, missing database).
// Nothing has been written when this is thrown, so it is a usage error (exit 2).
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
