#pragma once

#include <pgsplit/config/mapping.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/plan/facts.hpp>
#include <pgsplit/plan/plan.hpp>
#include <pgsplit/probe/source_identity.hpp>

#include <map>
#include <optional>
#include <string>

namespace pgsplit::probe {

// The servers on which a target's database was found missing, each with its maintenance
// session and the facts every new database there shares (version, template1's encoding,
// CREATEDB, extensions, roles). A further target on the same server (the same connection
// string but for the database) is then answered from pg_database through that session: a plan
// of a hundred new databases on one server opens one session, not two per target. The sessions
// close with this object, at the end of the probe.
class MissingDatabaseServers {
public:
  // The facts of `target` when its server is known here and its database is not listed
  // there; nullopt otherwise (the target must be connected to).
  std::optional<plan::TargetFacts> missing(const config::Target& target);
  void remember(const std::string& url, pg::Connection maintenance, const plan::TargetFacts& facts);

private:
  struct Server {
    pg::Connection maintenance;
    plan::TargetFacts facts;
  };
  std::map<std::string, Server> servers_; // by the connection string without its database
};

// Connects to one target, read-only, and reports what the preflight rules need: whether it is
// reachable (or only its database is missing), its version and encoding, whether we may
// create there, its extensions, whether it is the source itself, and which of the plan's
// tables already exist in it. Connection failures become facts; failing queries on an open
// connection throw core::SqlError.
plan::TargetFacts probe_target(const config::Target& target, const plan::Plan& plan,
                               const SourceIdentity& source, MissingDatabaseServers& servers);

// The roles of an existing target database's server as the plan's role rules read them (which
// may own objects, which may own schemas, whether pgsplit's role is a superuser): `verify`
// works out from them what `apply` carried.
plan::TargetFacts read_target_roles(pg::Connection& connection);

} // namespace pgsplit::probe
