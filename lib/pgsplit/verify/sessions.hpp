#pragma once

#include <pgsplit/config/mapping.hpp>
#include <pgsplit/pg/connection.hpp>

#include <map>
#include <string>
#include <string_view>

// The sessions verify reads through. Every one of them renders values the same way (dates,
// intervals, floats, time zone, bytea, money, encoding), so that a row hashes to the same
// digest in the source and in its target, whatever each server's defaults are.
namespace pgsplit::verify {

// The settings, as one SET statement each, separated by semicolons.
std::string_view output_settings_sql();

// Applies output_settings_sql() to `connection` (for the rest of the session, or of the
// caller's transaction when it is rolled back).
void apply_output_settings(pg::Connection& connection);

// A source session inside `snapshot` (pg::open_in_snapshot) with the output settings.
pg::Connection open_source_in_snapshot(const std::string& url, const std::string& snapshot);

// Read-only target sessions opened on first use, with the output settings. Only the sessions
// in use stay open (one, or two for a reference check): with many targets, a session kept per
// target touched would add up to jobs x targets connections on a server. Not shared between
// threads: each worker has its own.
class TargetSessions {
public:
  explicit TargetSessions(const config::Mapping& mapping) : mapping_(mapping) {}
  // The session of `target`; every other one is closed first, except that of `keep` (a
  // reference taken earlier for `keep` stays valid). Throws core::Error when the mapping has no
  // such target, core::ConnectionError when it cannot be reached.
  pg::Connection& get(const std::string& target, const std::string& keep = {});

private:
  const config::Mapping& mapping_;
  std::map<std::string, pg::Connection> open_;
};

} // namespace pgsplit::verify
