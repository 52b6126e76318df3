#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/pg/conninfo.hpp>
#include <pgsplit/probe/existing_tables.hpp>
#include <pgsplit/probe/target_probe.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace pgsplit::probe {
namespace {

const pg::ConnectOptions probe_options{.application_name = "pgsplit", .read_only = true};

// The missing database of a connection attempt, from the server's 3D000 message (libpq gives
// connection errors as text only).
bool says_database_missing(std::string_view message) {
  const auto missing = message.find("\" does not exist");
  return missing != std::string_view::npos &&
         message.rfind("database \"", missing) != std::string_view::npos;
}

std::vector<std::string> available_extensions(pg::Connection& connection) {
  const auto result =
      connection.exec("SELECT name FROM pg_catalog.pg_available_extensions ORDER BY name", {});
  std::vector<std::string> names;
  for (int row = 0; row < result.rows(); ++row) {
    names.push_back(result.text(row, "name"));
  }
  return names;
}

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
}

// Tries the usual maintenance databases; when neither lets us in, the facts stay unknown
// (zero version, no CREATEDB) and the original connection error stands.
void probe_missing_database(const std::string& url, plan::TargetFacts& facts) {
  for (const std::string_view maintenance : std::array{"postgres", "template1"}) {
    try {
      auto connection =
          pg::Connection::open(pg::conninfo_with_database(url, maintenance), probe_options);
      read_server_facts(connection, facts);
      return;
    } catch (const core::ConnectionError&) {
      continue;
    }
  }
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

plan::TargetFacts probe_target(const config::Target& target, const plan::Plan& plan,
                               const SourceIdentity& source) {
  plan::TargetFacts facts;
  facts.target = target.name;
  std::optional<pg::Connection> connection;
  try {
    connection.emplace(pg::Connection::open(target.url, probe_options));
  } catch (const core::ConnectionError& error) {
    facts.connection_error = error.what(); // described and redacted by the pg layer
    facts.connection_hint = error.hint();
    if (says_database_missing(facts.connection_error)) {
      facts.database_exists = false;
      probe_missing_database(target.url, facts);
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
