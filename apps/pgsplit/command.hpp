#pragma once

#include <boost/program_options.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace pgsplit::app {

namespace po = boost::program_options;

// One subcommand: `pgsplit <name> [options]`. Each lives in its own command_<name>.cpp.
struct Command {
  std::string_view name;
  std::string_view summary; // one line, shown by `pgsplit --help`
  int (*run)(const std::vector<std::string>& arguments);
};

const std::vector<Command>& command_table();

// `pgsplit [--help | --version | <command> [options]]`; returns the exit code.
// Throws core::Error subclasses, caught once in main.
int dispatch(const std::vector<std::string>& arguments);

// Parses a command's options; `--help` prints usage and returns false (the command then exits 0).
// Unknown options and bad values become core::UsageError (exit 2) with "did you mean …".
bool parse_options(std::string_view command, std::string_view usage,
                   const po::options_description& options,
                   const std::vector<std::string>& arguments, po::variables_map& values,
                   const po::positional_options_description* positional = nullptr);

} // namespace pgsplit::app
