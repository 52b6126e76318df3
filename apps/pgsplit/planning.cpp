#include "planning.hpp"

#include <pgsplit/catalog/loader.hpp>
#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/plan/build_plan.hpp>
#include <pgsplit/probe/probe.hpp>
#include <pgsplit/stamp/stamp_facts.hpp>

namespace pgsplit::app {

PlanningSession prepare_plan(const std::filesystem::path& mapping_file) {
  auto mapping = config::load_mapping(mapping_file, config::process_environment());
  auto source = pg::Connection::open(mapping.source.url,
                                     {.application_name = "pgsplit plan", .read_only = true});
  source.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  auto catalog = catalog::load_catalog(source, {.schemas = mapping.source.schemas});
  auto plan = plan::build_plan(mapping, catalog);
  auto facts = probe::probe_all(source, mapping, plan, catalog);
  facts.stamps = stamp::stamp_facts(mapping);
  plan::check_preflight(plan, mapping, catalog, facts);
  return {std::move(mapping), std::move(source), std::move(catalog), std::move(plan)};
}

} // namespace pgsplit::app
