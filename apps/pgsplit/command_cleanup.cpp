// `pgsplit cleanup`: drops the replication objects online mode created; copied data stays.
#include "command.hpp"
#include "commands.hpp"

#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/online/cleanup.hpp>

#include <fmt/format.h>

namespace pgsplit::app {

int run_cleanup(const std::vector<std::string>& arguments) {
  po::options_description options("Options");
  options.add_options()("config,c", po::value<std::string>()->default_value("pgsplit.yaml"),
                        "the mapping file")(
      "fence", "also drop the write fence that cutover put on the moved source tables");
  po::variables_map values;
  if (!parse_options("cleanup", "[-c FILE] [--fence]", options, arguments, values)) {
    return 0;
  }
  const auto mapping =
      config::load_mapping(values["config"].as<std::string>(), config::process_environment());
  const auto report = online::cleanup(mapping, values.count("fence") != 0);
  for (const auto& dropped : report.dropped) {
    fmt::print("dropped {}\n", dropped);
  }
  if (report.dropped.empty() && report.problems.empty()) {
    fmt::print("nothing to drop: no replication object of this mapping remains\n");
  }
  if (!report.problems.empty()) {
    for (const auto& problem : report.problems) {
      fmt::print(stderr, "pgsplit: {}\n", problem);
    }
    throw core::Error(fmt::format("cleanup left {} thing(s) behind", report.problems.size()),
                      "fix what is said above and run `pgsplit cleanup` again");
  }
  return 0;
}

} // namespace pgsplit::app
