#pragma once

#include <pgsplit/catalog/model.hpp>
#include <pgsplit/pg/connection.hpp>

#include <string>

// Which database a session is connected to, cluster-wide: used to notice a target URL that
// points back at the source (a split into itself would overwrite the monolith).
namespace pgsplit::probe {

struct SourceIdentity {
  // pg_control_system(): the same for a cluster and its physical standbys. Empty when the role
  // may not call the function (an administrator can revoke it).
  std::string system_identifier;
  // pg_postmaster_start_time(): compared instead when either side lacks the identifier.
  std::string started_at;
  catalog::Oid database_oid = 0;
  std::string database;
};

// Reads the identity of the database `connection` is on. Fails nothing inside a transaction:
// every function it calls is checked for EXECUTE first.
SourceIdentity read_source_identity(pg::Connection& connection);

// True when both identities name the same database of the same cluster.
bool is_same_database(const SourceIdentity& left, const SourceIdentity& right);

} // namespace pgsplit::probe
