#include <pgsplit/probe/source_identity.hpp>

namespace pgsplit::probe {
namespace {

// The CASE keeps a revoked pg_control_system() from raising an error, which would abort the
// caller's transaction on the source.
constexpr const char* identity_query = R"sql(
SELECT CASE WHEN has_function_privilege('pg_catalog.pg_control_system()', 'EXECUTE')
            THEN (SELECT system_identifier::text FROM pg_catalog.pg_control_system())
       END AS system_identifier,
       pg_catalog.pg_postmaster_start_time()::text AS started_at,
       d.oid AS database_oid,
       d.datname AS database
FROM pg_catalog.pg_database AS d
WHERE d.datname = pg_catalog.current_database()
)sql";

} // namespace

SourceIdentity read_source_identity(pg::Connection& connection) {
  const auto result = connection.exec(identity_query, {});
  SourceIdentity identity;
  identity.system_identifier = result.optional_text(0, "system_identifier").value_or("");
  identity.started_at = result.text(0, "started_at");
  identity.database_oid = static_cast<catalog::Oid>(result.int64(0, "database_oid"));
  identity.database = result.text(0, "database");
  return identity;
}

bool is_same_database(const SourceIdentity& left, const SourceIdentity& right) {
  // A database oid is unique within one cluster only, so the cluster must match too.
  if (left.database_oid != right.database_oid) {
    return false;
  }
  if (!left.system_identifier.empty() && !right.system_identifier.empty()) {
    return left.system_identifier == right.system_identifier;
  }
  return !left.started_at.empty() && left.started_at == right.started_at;
}

} // namespace pgsplit::probe
