#include <pgsplit/core/error.hpp>

#include <fmt/format.h>

#include <csignal>

namespace pgsplit::core {
namespace {

std::string join_diagnostics(const Diagnostics& diagnostics) {
  if (diagnostics.size() == 1) {
    return diagnostics.front().to_string();
  }
  std::string text = fmt::format("{} problems found:", diagnostics.size());
  for (const auto& diagnostic : diagnostics) {
    text.append("\n").append(diagnostic.to_string());
  }
  return text;
}

std::string describe_sql_error(const SqlError::Details& details) {
  std::string text = details.message.empty() ? "unknown server error" : details.message;
  if (!details.sqlstate.empty()) {
    text += fmt::format(" (SQLSTATE {})", details.sqlstate);
  }
  if (!details.connection.empty()) {
    text += fmt::format(" on {}", details.connection);
  }
  if (!details.statement.empty()) {
    text += fmt::format("\n  while: {}", details.statement);
  }
  if (!details.detail.empty()) {
    text += fmt::format("\n  detail: {}", details.detail);
  }
  return text;
}

} // namespace

Error::Error(std::string message, std::string hint)
    : std::runtime_error(message), text_(std::move(message)), hint_(std::move(hint)) {}

void Error::add_context(std::string_view context, std::string_view hint) {
  if (!context.empty()) {
    text_ = fmt::format("{}: {}", context, text_);
  }
  if (!hint.empty()) {
    hint_ = hint;
  }
}

ConfigError::ConfigError(Diagnostics diagnostics)
    : Error(join_diagnostics(diagnostics)), diagnostics_(std::move(diagnostics)) {}

ConfigError::ConfigError(Diagnostic diagnostic) : ConfigError(Diagnostics{std::move(diagnostic)}) {}

ConnectionError::ConnectionError(std::string connection, std::string server_message,
                                 std::string hint)
    : Error(fmt::format("cannot connect to {}: {}", connection, server_message), std::move(hint)),
      connection_(std::move(connection)), server_message_(std::move(server_message)) {}

SqlError::SqlError(Details details)
    : Error(describe_sql_error(details), details.hint), details_(std::move(details)) {}

InterruptedError::InterruptedError(std::string message, int signal_number)
    : Error(std::move(message)), signal_number_(signal_number) {}

ExitCode InterruptedError::exit_code() const {
  return signal_number_ == SIGTERM ? ExitCode::terminated : ExitCode::interrupted;
}

} // namespace pgsplit::core
