// pgsplit: the executable is only this: dispatch to a command, catch errors once, map them
// to exit codes (README.md, "Exit codes").
#include "command.hpp"

#include <pgsplit/core/error.hpp>
#include <pgsplit/core/run_record.hpp>

#include <fmt/format.h>

#include <exception>

namespace {

// Exit code 2 means "nothing was written": an error of a usage kind (a connection refused, a
// bad option) that comes after a write is a runtime failure.
pgsplit::core::ExitCode exit_code_of(const pgsplit::core::Error& error) {
  using pgsplit::core::ExitCode;
  const auto code = error.exit_code();
  if (code == ExitCode::usage && pgsplit::core::anything_written()) {
    fmt::print(stderr, "  note: {} was already written when this happened (exit 1, not 2)\n",
               pgsplit::core::first_write());
    return ExitCode::runtime_failure;
  }
  return code;
}

} // namespace

int main(int argc, char** argv) {
  using namespace pgsplit;
  try {
    return app::dispatch(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const core::Error& error) {
    fmt::print(stderr, "pgsplit: error: {}\n", error.what());
    if (!error.hint().empty()) {
      fmt::print(stderr, "  hint: {}\n", error.hint());
    }
    return core::to_int(exit_code_of(error));
  } catch (const std::exception& error) {
    fmt::print(stderr, "pgsplit: internal error: {}\n", error.what());
    return core::to_int(core::ExitCode::runtime_failure);
  }
}
