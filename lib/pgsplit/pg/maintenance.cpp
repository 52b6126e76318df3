#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/conninfo.hpp>
#include <pgsplit/pg/maintenance.hpp>

#include <array>
#include <string_view>

namespace pgsplit::pg {

std::optional<Connection> open_maintenance(const std::string& conninfo,
                                           const ConnectOptions& options) {
  for (const std::string_view database : std::array{"postgres", "template1"}) {
    try {
      return Connection::open(conninfo_with_database(conninfo, database), options);
    } catch (const core::ConnectionError&) {
      continue;
    }
  }
  return std::nullopt;
}

bool database_listed(Connection& maintenance, const std::string& name) {
  return maintenance
      .exec("SELECT EXISTS (SELECT FROM pg_catalog.pg_database WHERE datname = $1) AS listed",
            {name})
      .boolean(0, "listed");
}

std::optional<bool> database_exists(const std::string& conninfo, const ConnectOptions& options) {
  const auto name = database_of(conninfo);
  if (!name) {
    return std::nullopt;
  }
  auto maintenance = open_maintenance(conninfo, options);
  if (!maintenance) {
    return std::nullopt;
  }
  return database_listed(*maintenance, *name);
}

std::optional<Connection> maintenance_if_missing(const std::string& conninfo,
                                                 std::string_view failure,
                                                 const ConnectOptions& options) {
  const auto name = database_of(conninfo);
  if (!name || failure.find(*name) == std::string_view::npos) {
    return std::nullopt;
  }
  auto maintenance = open_maintenance(conninfo, options);
  if (!maintenance || database_listed(*maintenance, *name)) {
    return std::nullopt;
  }
  return maintenance;
}

} // namespace pgsplit::pg
