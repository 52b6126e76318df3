// `pgsplit stamp`: write each target's migration version tables, so that every service's
// migration tool finds its database at the latest migration (docs/stamping.md).
#include "command.hpp"
#include "commands.hpp"

#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/core/did_you_mean.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/pg/quote.hpp>
#include <pgsplit/stamp/stamp_dry_run.hpp>
#include <pgsplit/stamp/stamp_target.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdio>

namespace pgsplit::app {
namespace {

std::vector<std::string> target_names(const config::Mapping& mapping) {
  std::vector<std::string> names;
  for (const auto& target : mapping.targets) {
    names.push_back(target.name);
  }
  return names;
}

// The targets to stamp, in file order: the named ones, or every target.
std::vector<const config::Target*> selected_targets(const config::Mapping& mapping,
                                                    const std::vector<std::string>& wanted) {
  const auto names = target_names(mapping);
  for (const auto& name : wanted) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      throw core::UsageError(
          fmt::format("pgsplit stamp: unknown target '{}'{}", name,
                      core::did_you_mean_suffix(name, names)),
          fmt::format("the targets of {} are: {}", mapping.file.string(), fmt::join(names, ", ")));
    }
  }
  std::vector<const config::Target*> selected;
  for (const auto& target : mapping.targets) {
    if (wanted.empty() || std::find(wanted.begin(), wanted.end(), target.name) != wanted.end()) {
      selected.push_back(&target);
    }
  }
  return selected;
}

std::string rows(std::int64_t count) {
  return fmt::format("{} row{}", count, count == 1 ? "" : "s");
}

// `auth: alembic "alembic_version_auth" at revision d7a3e8b41c92 (1 row)`.
std::string describe(const std::string& target, const stamp::StampWritten& written) {
  std::string summary = written.summary;
  if (const auto colon = summary.find(": ");
      colon != std::string::npos && summary.find(' ') == colon + 1) {
    summary.erase(colon, 1); // "alembic: …" reads "alembic …" after the target's name
  }
  std::string counts = rows(written.rows_written);
  if (written.rows_kept > 0) {
    counts =
        written.rows_written == 0
            ? fmt::format("{}, already up to date", rows(written.rows_kept))
            : fmt::format("{} written, {} kept", rows(written.rows_written), written.rows_kept);
  }
  return fmt::format("{}: {} ({})", target, summary, counts);
}

} // namespace

int run_stamp(const std::vector<std::string>& arguments) {
  po::options_description options("Options");
  // clang-format off
  options.add_options()
      ("config,c", po::value<std::string>()->default_value("pgsplit.yaml"),
       "the mapping file (relative paths inside it are relative to it)")
      ("target", po::value<std::vector<std::string>>()->composing(),
       "only this target (repeatable); default: every target with stamp entries")
      ("dry-run", po::bool_switch(), "print the statements instead of running them");
  // clang-format on
  po::variables_map values;
  if (!parse_options("stamp", "[-c FILE] [--target NAME]... [--dry-run]", options, arguments,
                     values)) {
    return 0;
  }
  const auto mapping =
      config::load_mapping(values["config"].as<std::string>(), config::process_environment());
  const auto wanted = values.count("target") ? values["target"].as<std::vector<std::string>>()
                                             : std::vector<std::string>{};

  // Every selected target is planned before anything is written: a broken migration folder
  // stops the run with no target stamped.
  std::vector<std::pair<const config::Target*, stamp::TargetStamps>> planned;
  core::Diagnostics problems;
  for (const auto* target : selected_targets(mapping, wanted)) {
    if (target->stamps.empty()) {
      if (!wanted.empty()) {
        fmt::print("{}: nothing to stamp (no stamp entries)\n", target->name);
      }
      continue;
    }
    try {
      planned.emplace_back(target, stamp::plan_target_stamps(*target, [](std::string_view name) {
                             return pg::quote_ident(name);
                           }));
    } catch (const core::ConfigError& error) {
      problems.insert(problems.end(), error.diagnostics().begin(), error.diagnostics().end());
    }
  }
  if (!problems.empty()) {
    throw core::ConfigError(std::move(problems));
  }
  if (planned.empty() && wanted.empty()) {
    fmt::print("no target has stamp entries: nothing to do\n");
  }

  if (values["dry-run"].as<bool>()) {
    for (std::size_t i = 0; i < planned.size(); ++i) {
      fmt::print("{}{}", i == 0 ? "" : "\n", stamp::render_target_stamps(planned[i].second));
    }
    return 0;
  }
  for (const auto& [target, stamps] : planned) {
    static_cast<void>(stamps); // planned again with the connection's quoting
    auto connection = pg::Connection::open(target->url, {.application_name = "pgsplit stamp"});
    const auto outcome = stamp::stamp_target(connection, *target);
    for (const auto& written : outcome.entries) {
      fmt::print("{}\n", describe(outcome.target, written));
    }
    std::fflush(stdout);
  }
  return 0;
}

} // namespace pgsplit::app
