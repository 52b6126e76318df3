#include "command.hpp"
#include "commands.hpp"
#include "version.hpp"

#include <pgsplit/core/did_you_mean.hpp>
#include <pgsplit/core/error.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pgsplit::app {
namespace {

constexpr std::string_view overview =
    R"(pgsplit — split one PostgreSQL database into per-service databases

Usage: pgsplit <command> [options]
       pgsplit --help | --version

Commands:
)";

constexpr std::string_view footer = R"(
Run `pgsplit <command> --help` for a command's options.
Exit codes: 0 ok, 1 runtime failure, 2 usage/config/plan error, 3 verification mismatch,
130 interrupted (SIGINT), 143 terminated (SIGTERM).
Documentation: `man pgsplit`, `man 5 pgsplit-mapping`, README.md and docs/ (installed in
/usr/share/doc/pgsplit).
)";

void print_overview() {
  fmt::print("{}", overview);
  for (const auto& command : command_table()) {
    fmt::print("  {:<8} {}\n", command.name, command.summary);
  }
  fmt::print("{}", footer);
}

std::vector<std::string> command_names() {
  std::vector<std::string> names;
  for (const auto& command : command_table()) {
    names.emplace_back(command.name);
  }
  return names;
}

} // namespace

const std::vector<Command>& command_table() {
  static const std::vector<Command> table{
      {"init", "write a starter mapping from the source's foreign-key graph", run_init},
      {"plan", "dry run: check the mapping against the source and targets, show the split",
       run_plan},
      {"apply", "create each target's schema and copy its tables from one snapshot", run_apply},
      {"stamp",
       "write each target's migration version tables (alembic, flyway, golang-migrate, prisma, "
       "rails, django, yoyo, files, sql)",
       run_stamp},
      {"verify",
       "prove the targets hold what the source holds: counts, checksums, sequences, stamps",
       run_verify},
      {"status", "online mode: each target's phase, lag and retained WAL", run_status},
      {"cutover",
       "online mode: freeze writes, catch up, verify, fence the source, stop replication",
       run_cutover},
      {"cleanup", "online mode: drop every replication object pgsplit created", run_cleanup},
  };
  return table;
}

int dispatch(const std::vector<std::string>& arguments) {
  if (arguments.empty()) {
    print_overview();
    throw core::UsageError("no command given",
                           "run `pgsplit <command> --help`, e.g. `pgsplit plan --help`");
  }
  if (arguments.front() == "--help" || arguments.front() == "-h" || arguments.front() == "help") {
    print_overview();
    return 0;
  }
  if (arguments.front() == "--version" || arguments.front() == "-V") {
    fmt::print("{}", version_text());
    return 0;
  }
  const auto& name = arguments.front();
  const auto& table = command_table();
  const auto found = std::find_if(table.begin(), table.end(),
                                  [&](const Command& command) { return command.name == name; });
  if (found == table.end()) {
    throw core::UsageError(fmt::format("unknown command '{}'{}", name,
                                       core::did_you_mean_suffix(name, command_names())),
                           "run `pgsplit --help` for the list of commands");
  }
  return found->run(std::vector<std::string>(arguments.begin() + 1, arguments.end()));
}

} // namespace pgsplit::app
