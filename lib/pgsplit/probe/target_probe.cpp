#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/pg/conninfo.hpp>
#include <pgsplit/pg/maintenance.hpp>
#include <pgsplit/probe/existing_tables.hpp>
#include <pgsplit/probe/target_probe.hpp>

#include <fmt/format.h>

#include <optional>
#include <string>

namespace pgsplit::probe {
namespace {

const pg::ConnectOptions probe_options{.application_name = "pgsplit", .read_only = true};

std::vector<std::string> available_extensions(pg::Connection& connection) {
  const auto result =
      connection.exec("SELECT name FROM pg_catalog.pg_available_extensions ORDER BY name", {});
  std::vector<std::string> names;
  for (int row = 0; row < result.rows(); ++row) {
    names.push_back(result.text(row, "name"));
  }
  return names;
}

// Every role of the server (roles are shared by its databases), whether this role may make it
// an owner (ALTER … OWNER TO wants membership, PostgreSQL 16: the SET option; a superuser may
// always) and whether it may own a schema there (CREATE on the database; a database pgsplit
// will create belongs to this role, and only superusers have CREATE on it).
void read_roles(pg::Connection& connection, plan::TargetFacts& facts, bool database_exists) {
  const auto result = connection.exec(
      "SELECT rolname AS name,\n"
      "       pg_catalog.pg_has_role(oid, CASE WHEN current_setting('server_version_num')::int\n"
      "                                         >= 160000 THEN 'SET' ELSE 'MEMBER' END)\n"
      "         AS can_assign,\n"
      "       CASE WHEN $1::boolean THEN pg_catalog.has_database_privilege(oid, "
      "current_database(),\n"
      "                                                            'CREATE')\n"
      "            ELSE rolsuper OR rolname = current_user END AS can_create_schemas,\n"
      "       rolname = current_user AND rolsuper AS connecting_superuser\n"
      "FROM pg_catalog.pg_roles ORDER BY rolname",
      {database_exists ? "true" : "false"});
  for (int row = 0; row < result.rows(); ++row) {
    facts.roles.push_back({result.text(row, "name"), result.boolean(row, "can_assign"),
                           result.boolean(row, "can_create_schemas")});
    facts.is_superuser = facts.is_superuser || result.boolean(row, "connecting_superuser");
  }
  facts.roles_known = true;
}

} // namespace

plan::TargetFacts read_target_roles(pg::Connection& connection) {
  plan::TargetFacts facts;
  read_roles(connection, facts, true);
  return facts;
}

namespace {

// CREATE on the database is what creating schemas (and so every object) needs.
void read_database_facts(pg::Connection& connection, plan::TargetFacts& facts) {
  const auto result =
      connection.exec("SELECT current_setting('server_encoding') AS encoding,\n"
                      "       has_database_privilege(current_database(), 'CREATE') AS can_create",
                      {});
  facts.server_version = connection.server_version();
  facts.encoding = result.text(0, "encoding");
  facts.can_create = result.boolean(0, "can_create");
  facts.available_extensions = available_extensions(connection);
  read_roles(connection, facts, true);
}

// The database is missing: what its server offers, from a maintenance database. `encoding`
// is template1's, the one CREATE DATABASE gives by default; `can_create` is CREATEDB.
void read_server_facts(pg::Connection& connection, plan::TargetFacts& facts) {
  const auto result =
      connection.exec("SELECT coalesce((SELECT pg_catalog.pg_encoding_to_char(encoding)\n"
                      "                 FROM pg_catalog.pg_database WHERE datname = 'template1'),\n"
                      "                current_setting('server_encoding')) AS encoding,\n"
                      "       coalesce((SELECT rolcreatedb OR rolsuper FROM pg_catalog.pg_roles\n"
                      "                 WHERE rolname = current_user), false) AS can_create",
                      {});
  facts.server_version = connection.server_version();
  facts.encoding = result.text(0, "encoding");
  facts.can_create = result.boolean(0, "can_create");
  facts.available_extensions = available_extensions(connection);
  read_roles(connection, facts, false);
}

// The names the plan gives this target's tables (none when the plan has no such target).
std::vector<catalog::QualifiedName> planned_names(const plan::Plan& plan,
                                                  const std::string& target) {
  std::vector<catalog::QualifiedName> names;
  if (const auto* planned = plan.find_target(target)) {
    for (const auto& placed : planned->tables) {
      names.push_back(placed.target_name);
    }
  }
  return names;
}

} // namespace

std::optional<plan::TargetFacts> MissingDatabaseServers::missing(const config::Target& target) {
  const auto server = servers_.find(pg::conninfo_with_database(target.url, ""));
  const auto name = pg::database_of(target.url);
  if (server == servers_.end() || !name || pg::database_listed(server->second.maintenance, *name)) {
    return std::nullopt;
  }
  auto facts = server->second.facts;
  facts.target = target.name;
  facts.connection_error = fmt::format("database \"{}\" does not exist", *name);
  return facts;
}

void MissingDatabaseServers::remember(const std::string& url, pg::Connection maintenance,
                                      const plan::TargetFacts& facts) {
  servers_.try_emplace(pg::conninfo_with_database(url, ""), Server{std::move(maintenance), facts});
}

plan::TargetFacts probe_target(const config::Target& target, const plan::Plan& plan,
                               const SourceIdentity& source, MissingDatabaseServers& servers) {
  if (auto known = servers.missing(target)) {
    return *known;
  }
  plan::TargetFacts facts;
  facts.target = target.name;
  std::optional<pg::Connection> connection;
  try {
    connection.emplace(pg::Connection::open(target.url, probe_options));
  } catch (const core::ConnectionError& error) {
    facts.connection_error = error.what(); // described and redacted by the pg layer
    facts.connection_hint = error.hint();
    // Asked of the server's catalog, not read from the error's text (in the server's language).
    if (auto server =
            pg::maintenance_if_missing(target.url, error.server_message(), probe_options)) {
      facts.database_exists = false;
      facts.connection_hint = "create it, or set create_database: true for this target";
      read_server_facts(*server, facts);
      servers.remember(target.url, std::move(*server), facts);
    }
    return facts;
  }
  facts.reachable = true;
  read_database_facts(*connection, facts);
  facts.is_source_database = is_same_database(read_source_identity(*connection), source);
  facts.existing_tables = read_existing_tables(*connection, planned_names(plan, target.name));
  return facts;
}

} // namespace pgsplit::probe
