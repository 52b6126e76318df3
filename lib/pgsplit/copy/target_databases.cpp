#include <pgsplit/copy/target_databases.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/core/run_record.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/pg/conninfo.hpp>
#include <pgsplit/pg/maintenance.hpp>
#include <pgsplit/pg/quote.hpp>

#include <fmt/format.h>

namespace pgsplit::copy {

void create_missing_databases(const config::Mapping& mapping) {
  for (const auto& target : mapping.targets) {
    const pg::ConnectOptions options{.application_name = "pgsplit apply"};
    try {
      pg::Connection::open(target.url, options);
    } catch (const core::ConnectionError& error) {
      if (!target.create_database) {
        throw;
      }
      // Missing or not is asked of the server's catalog: the error's text is in its language.
      auto server = pg::maintenance_if_missing(target.url, error.server_message(), options);
      if (!server) {
        throw;
      }
      const auto name = *pg::database_of(target.url);
      core::record_write(fmt::format("database {} (target {})", name, target.name));
      server->exec(fmt::format("CREATE DATABASE {}", pg::quote_ident(name)));
    }
  }
}

} // namespace pgsplit::copy
