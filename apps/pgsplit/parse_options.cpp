#include "command.hpp"

#include <pgsplit/core/did_you_mean.hpp>
#include <pgsplit/core/error.hpp>

#include <fmt/format.h>

#include <sstream>

namespace pgsplit::app {
namespace {

std::vector<std::string> option_names(const po::options_description& options) {
  std::vector<std::string> names;
  for (const auto& option : options.options()) {
    names.push_back("--" + option->long_name());
  }
  return names;
}

} // namespace

bool parse_options(std::string_view command, std::string_view usage,
                   const po::options_description& options,
                   const std::vector<std::string>& arguments, po::variables_map& values,
                   const po::positional_options_description* positional) {
  po::options_description all(options);
  all.add_options()("help,h", "show this help and exit");
  try {
    auto parser = po::command_line_parser(arguments).options(all);
    if (positional) {
      parser.positional(*positional);
    }
    po::store(parser.run(), values);
    if (values.count("help")) {
      std::ostringstream text;
      text << all;
      fmt::print("Usage: pgsplit {} {}\n\n{}", command, usage, text.str());
      return false;
    }
    po::notify(values);
  } catch (const po::unknown_option& error) {
    const std::string option = error.get_option_name();
    throw core::UsageError(fmt::format("pgsplit {}: unknown option '{}'{}", command, option,
                                       core::did_you_mean_suffix(option, option_names(all))),
                           fmt::format("run `pgsplit {} --help` for its options", command));
  } catch (const po::error& error) {
    throw core::UsageError(fmt::format("pgsplit {}: {}", command, error.what()),
                           fmt::format("run `pgsplit {} --help` for its options", command));
  }
  return true;
}

} // namespace pgsplit::app
