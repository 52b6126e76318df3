#pragma once

#include <pgsplit/config/mapping.hpp>
#include <pgsplit/pg/connection.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace pgsplit::online {

// Waits until every target's slot has been confirmed by its subscription up to `position` (a
// source WAL position): everything the source committed before it is then applied on every
// target. Checks the subscriptions' health on the way: throws core::Error, naming the target,
// when one reports errors; core::Error when `timeout` passes first.
void wait_for_position(pg::Connection& source, const config::Mapping& mapping,
                       const std::string& position,
                       std::optional<std::chrono::milliseconds> timeout);

} // namespace pgsplit::online
