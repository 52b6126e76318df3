#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/snapshot.hpp>
#include <pgsplit/verify/sessions.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pgsplit::verify {
namespace {

constexpr std::string_view application_name = "pgsplit verify";

} // namespace

std::string_view output_settings_sql() {
  // search_path stays as it is: the mapping's row filters are written against it.
  return "SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; "
         "SET extra_float_digits = 3; SET TimeZone = 'UTC'; SET bytea_output = 'hex'; "
         "SET lc_monetary = 'C'; SET client_encoding = 'UTF8'";
}

void apply_output_settings(pg::Connection& connection) { connection.exec(output_settings_sql()); }

pg::Connection open_source_in_snapshot(const std::string& url, const std::string& snapshot) {
  auto connection = pg::open_in_snapshot(url, snapshot, std::string(application_name));
  apply_output_settings(connection);
  return connection;
}

pg::Connection& TargetSessions::get(const std::string& target, const std::string& keep) {
  std::erase_if(
      open_, [&](const auto& session) { return session.first != target && session.first != keep; });
  const auto found = open_.find(target);
  if (found != open_.end()) {
    return found->second;
  }
  const auto configured =
      std::find_if(mapping_.targets.begin(), mapping_.targets.end(),
                   [&](const config::Target& candidate) { return candidate.name == target; });
  if (configured == mapping_.targets.end()) {
    throw core::Error(fmt::format("verify: the mapping has no target '{}'", target));
  }
  auto connection = pg::Connection::open(
      configured->url, {.application_name = std::string(application_name), .read_only = true});
  apply_output_settings(connection);
  return open_.emplace(target, std::move(connection)).first->second;
}

} // namespace pgsplit::verify
