// `pgsplit init --source URL`: a starter mapping on stdout, from the source's foreign-key graph.
#include "command.hpp"
#include "commands.hpp"

#include <pgsplit/catalog/loader.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/pg/snapshot.hpp>
#include <pgsplit/pg/transaction.hpp>
#include <pgsplit/plan/init_mapping.hpp>

#include <fmt/format.h>

namespace pgsplit::app {

int run_init(const std::vector<std::string>& arguments) {
  po::options_description options("Options");
  options.add_options()("source", po::value<std::string>()->required(),
                        "the monolith: a libpq URI or key=value connection string")(
      "schema", po::value<std::vector<std::string>>()->composing(),
      "only this schema (repeatable); default: every user schema")(
      "source-variable", po::value<std::string>()->default_value("MONOLITH_URL"),
      "the environment variable the file's source.url refers to");
  po::variables_map values;
  if (!parse_options("init", "--source URL [--schema S]... > pgsplit.yaml", options, arguments,
                     values)) {
    return 0;
  }
  auto source = pg::Connection::open(values["source"].as<std::string>(),
                                     {.application_name = "pgsplit init", .read_only = true});
  pg::Transaction snapshot(source, pg::consistent_read);
  catalog::LoadOptions load{.column_uses = false};
  if (values.count("schema")) {
    load.schemas = values["schema"].as<std::vector<std::string>>();
  }
  const auto catalog = catalog::load_catalog(source, load);
  snapshot.commit();
  fmt::print("{}", plan::init_mapping(catalog, {.source_url_variable =
                                                    values["source-variable"].as<std::string>()}));
  return 0;
}

} // namespace pgsplit::app
