#pragma once

#include <pgsplit/config/mapping.hpp>
#include <pgsplit/pg/connection.hpp>

#include <list>
#include <string>
#include <string_view>
#include <utility>

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

// Read-only target sessions opened on first use, with the output settings. Not shared between
// threads: each worker has its own. At most two stay open (a reference check reads a child's
// and a parent's target at once); the least recently used one is closed for a third, so that
// verify's sessions grow with -j, not with the number of targets.
class TargetSessions {
public:
  static constexpr std::size_t max_open = 2;

  explicit TargetSessions(const config::Mapping& mapping) : mapping_(mapping) {}
  // Throws core::Error when the mapping has no such target, core::ConnectionError when it
  // cannot be reached. The reference stays valid until two other targets have been asked for.
  pg::Connection& get(const std::string& target);
  std::size_t open_count() const { return open_.size(); }

private:
  const config::Mapping& mapping_;
  std::list<std::pair<std::string, pg::Connection>> open_; // most recently used first
};

} // namespace pgsplit::verify
