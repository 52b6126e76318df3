#pragma once

#include <pgsplit/config/mapping.hpp>

// Target databases that do not exist yet: created when the mapping says create_database: true.
namespace pgsplit::copy {

// Connects to each target; a missing database with create_database is created (CREATE DATABASE
// on the same server's `postgres` database, owned by the connecting role). Any other failure is
// rethrown (core::ConnectionError: exit 2, nothing written).
void create_missing_databases(const config::Mapping& mapping);

} // namespace pgsplit::copy
