#pragma once

namespace pgsplit::core {

// The process exit codes, documented in README.md ("Exit codes").
enum class ExitCode : int {
  ok = 0,
  runtime_failure = 1, // could not run: lost connection, server error, I/O
  usage = 2,           // bad command line, mapping file or plan; nothing written
  verification = 3,    // verify found a mismatch
  interrupted = 130,   // SIGINT
  terminated = 143,    // SIGTERM
};

constexpr int to_int(ExitCode code) { return static_cast<int>(code); }

} // namespace pgsplit::core
