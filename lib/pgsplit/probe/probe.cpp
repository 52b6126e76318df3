#include <pgsplit/pg/conninfo.hpp>
#include <pgsplit/probe/probe.hpp>

namespace pgsplit::probe {

void describe_connections(plan::Plan& plan, const config::Mapping& mapping) {
  plan.source_description = pg::describe_conninfo(mapping.source.url);
  for (auto& target : plan.targets) {
    for (const auto& configured : mapping.targets) {
      if (configured.name == target.name) {
        target.url_description = pg::describe_conninfo(configured.url);
      }
    }
  }
}

plan::Facts probe_all(pg::Connection& source, const config::Mapping& mapping,
                      const plan::Plan& plan, const catalog::Catalog& catalog) {
  plan::Facts facts;
  facts.source = probe_source(source, plan, catalog);
  const auto identity = read_source_identity(source);
  MissingDatabaseServers servers;
  for (const auto& target : mapping.targets) {
    facts.targets.push_back(probe_target(target, plan, identity, servers));
  }
  return facts;
}

} // namespace pgsplit::probe
