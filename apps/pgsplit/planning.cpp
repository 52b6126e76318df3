#include "planning.hpp"

#include <pgsplit/catalog/loader.hpp>
#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/online/preconditions.hpp>
#include <pgsplit/pg/snapshot.hpp>
#include <pgsplit/plan/build_plan.hpp>
#include <pgsplit/probe/probe.hpp>
#include <pgsplit/stamp/stamp_facts.hpp>

#include <fmt/format.h>

namespace pgsplit::app {
namespace {

// The pg layer names the connection only by its URL; say that it is the source and where the
// mapping file sets it, as the plan does for targets. Still exit 2: nothing was written.
pg::Connection open_source(const config::Mapping& mapping) {
  try {
    return pg::Connection::open(mapping.source.url,
                                {.application_name = "pgsplit plan", .read_only = true});
  } catch (const core::ConnectionError& error) {
    throw core::UsageError(fmt::format("{} (source): {}",
                                       core::format_location(mapping.source.location),
                                       error.what()),
                           error.hint());
  }
}

} // namespace

PlanningSession prepare_plan(const std::filesystem::path& mapping_file, bool resume, bool online) {
  auto mapping = config::load_mapping(mapping_file, config::process_environment());
  auto source = open_source(mapping);
  // The snapshot opened here serves the whole run (apply copies from it): no idle timeout.
  source.exec("SET idle_in_transaction_session_timeout = 0");
  source.exec(pg::consistent_read); // never committed: it lives as long as the session
  auto catalog = catalog::load_catalog(source, {.schemas = mapping.source.schemas,
                                                .column_uses = config::reshapes_columns(mapping)});
  auto plan = plan::build_plan(mapping, catalog);
  probe::describe_connections(plan, mapping);
  auto facts = probe::probe_all(source, mapping, plan, catalog);
  facts.stamps = stamp::stamp_facts(mapping);
  auto checked = mapping;
  if (resume) {
    checked.options.if_target_not_empty = config::IfTargetNotEmpty::truncate;
  }
  plan::check_preflight(plan, checked, catalog, facts);
  if (online) {
    online::check_online(source, mapping, catalog, plan, resume);
  }
  return {std::move(mapping), std::move(source), std::move(catalog), std::move(plan)};
}

void print_findings(const plan::Plan& plan) {
  for (const auto& finding : plan.findings) {
    fmt::print(stderr, "{}: {}\n", finding.severity == plan::Severity::error ? "error" : "warning",
               finding.diagnostic.to_string());
  }
}

void refuse_plan_with_errors(const plan::Plan& plan, std::string hint) {
  if (plan.has_errors()) {
    throw core::PlanError(
        fmt::format("the plan has {} error(s); nothing was written", plan.errors().size()),
        std::move(hint));
  }
}

} // namespace pgsplit::app
