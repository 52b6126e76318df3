// pgsplit: the executable is only this: dispatch to a command, catch errors once, map them
// to exit codes (README.md, "Exit codes").
#include "command.hpp"

#include <pgsplit/core/error.hpp>

#include <fmt/format.h>

#include <exception>

int main(int argc, char** argv) {
  using namespace pgsplit;
  try {
    return app::dispatch(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const core::Error& error) {
    fmt::print(stderr, "pgsplit: error: {}\n", error.what());
    if (!error.hint().empty()) {
      fmt::print(stderr, "  hint: {}\n", error.hint());
    }
    return core::to_int(error.exit_code());
  } catch (const std::exception& error) {
    fmt::print(stderr, "pgsplit: internal error: {}\n", error.what());
    return core::to_int(core::ExitCode::runtime_failure);
  }
}
