#pragma once

#include <pgsplit/pg/connection.hpp>

#include <optional>
#include <string>

// Each target records, in its own _pgsplit schema, that it was cut over and at which source
// position: `status` reads it after every replication object is gone.
namespace pgsplit::online {

void record_cutover(pg::Connection& target, const std::string& lsn, double write_freeze_seconds);
std::optional<std::string> read_cutover_lsn(pg::Connection& target);

} // namespace pgsplit::online
