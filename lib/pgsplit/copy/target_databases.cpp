#include <pgsplit/copy/target_databases.hpp>
#include <pgsplit/core/error.hpp>
#include <pgsplit/core/run_record.hpp>
#include <pgsplit/pg/connection.hpp>
#include <pgsplit/pg/conninfo.hpp>
#include <pgsplit/pg/quote.hpp>

#include <fmt/format.h>

namespace pgsplit::copy {
namespace {

bool database_missing(const core::ConnectionError& error) {
  const std::string message = error.what();
  return message.find("database") != std::string::npos &&
         message.find("does not exist") != std::string::npos;
}

} // namespace

void create_missing_databases(const config::Mapping& mapping) {
  for (const auto& target : mapping.targets) {
    try {
      pg::Connection::open(target.url, {.application_name = "pgsplit apply"});
    } catch (const core::ConnectionError& error) {
      if (!target.create_database || !database_missing(error)) {
        throw;
      }
      const auto name = pg::database_of(target.url);
      if (!name) {
        throw;
      }
      auto server = pg::Connection::open(pg::conninfo_with_database(target.url, "postgres"),
                                         {.application_name = "pgsplit apply"});
      core::record_write(fmt::format("database {} (target {})", *name, target.name));
      server.exec(fmt::format("CREATE DATABASE {}", pg::quote_ident(*name)));
    }
  }
}

} // namespace pgsplit::copy
