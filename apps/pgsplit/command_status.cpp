// `pgsplit status`: where each target of an online split stands. Reads only.
#include "command.hpp"
#include "commands.hpp"

#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/core/byte_size.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/online/status.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <thread>

namespace pgsplit::app {

int run_status(const std::vector<std::string>& arguments) {
  po::options_description options("Options");
  options.add_options()("config,c", po::value<std::string>()->default_value("pgsplit.yaml"),
                        "the mapping file")(
      "format", po::value<std::string>()->default_value("text"), "text | json | markdown")(
      "watch", po::value<int>()->implicit_value(2),
      "show the status again every N seconds (default 2) until interrupted")(
      "warn-retained-wal", po::value<std::string>()->default_value("1GB"),
      "warn when a slot keeps more WAL than this on the source");
  po::variables_map values;
  if (!parse_options("status", "[-c FILE] [--format text|json|markdown] [--watch [N]]", options,
                     arguments, values)) {
    return 0;
  }
  const auto format = values["format"].as<std::string>();
  if (format != "text" && format != "json" && format != "markdown") {
    throw core::UsageError(fmt::format("pgsplit status: unknown format '{}'", format),
                           "use --format text, json or markdown");
  }
  const auto threshold = core::parse_byte_size(values["warn-retained-wal"].as<std::string>());
  if (!threshold) {
    throw core::UsageError("pgsplit status: --warn-retained-wal is not a size",
                           "give a size such as 1GB or 512MB");
  }
  const auto mapping =
      config::load_mapping(values["config"].as<std::string>(), config::process_environment());
  const online::StatusOptions status_options{.retained_wal_warning = *threshold};
  for (;;) {
    const auto report = online::read_status(mapping, status_options);
    fmt::print("{}", format == "json"       ? online::render_status_json(report)
                     : format == "markdown" ? online::render_status_markdown(report)
                                            : online::render_status_text(report));
    std::fflush(stdout);
    if (!values.count("watch")) {
      return 0;
    }
    std::this_thread::sleep_for(std::chrono::seconds(std::max(1, values["watch"].as<int>())));
    fmt::print("\n");
  }
}

} // namespace pgsplit::app
