#include "graphviz.hpp"

#include <pgsplit/core/error.hpp>

#include <fmt/format.h>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace pgsplit::app {
namespace {

bool on_path(std::string_view program) {
  const char* path = std::getenv("PATH");
  std::string_view rest = path == nullptr ? "" : path;
  while (!rest.empty()) {
    const auto colon = rest.find(':');
    const auto folder = rest.substr(0, colon);
    const auto candidate = fmt::format("{}/{}", folder.empty() ? "." : folder, program);
    if (::access(candidate.c_str(), X_OK) == 0) {
      return true;
    }
    rest = colon == std::string_view::npos ? "" : rest.substr(colon + 1);
  }
  return false;
}

} // namespace

void require_graphviz() {
  if (!on_path("dot")) {
    throw core::UsageError(
        "pgsplit plan --format svg: Graphviz's `dot` is not installed (not found on PATH)",
        "install the Debian package graphviz (`sudo apt-get install graphviz`), or use "
        "`--format dot` and render the file elsewhere");
  }
}

void print_svg(const std::string& dot_source) {
  std::fflush(stdout); // dot writes to the same stdout
  FILE* pipe = ::popen("dot -Tsvg", "w");
  if (pipe == nullptr) {
    throw core::Error("pgsplit plan --format svg: cannot start Graphviz's `dot`",
                      "check that `dot -V` runs");
  }
  // A dot that dies early must fail the write, not kill pgsplit with SIGPIPE.
  const auto previous = std::signal(SIGPIPE, SIG_IGN);
  const bool written =
      std::fwrite(dot_source.data(), 1, dot_source.size(), pipe) == dot_source.size();
  const int status = ::pclose(pipe);
  std::signal(SIGPIPE, previous);
  if (!written || status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw core::Error("pgsplit plan --format svg: Graphviz's `dot -Tsvg` failed (its message is "
                      "above)",
                      "run `pgsplit plan --format dot | dot -Tsvg` to see the same error");
  }
}

} // namespace pgsplit::app
