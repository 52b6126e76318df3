#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

// Connection strings (libpq URIs or key=value) may hold passwords. Nothing in pgsplit prints
// one raw: connections are shown through describe_conninfo, and any libpq message about a
// connection string goes through redact_secrets first.
namespace pgsplit::pg {

// The options a connection string sets explicitly (PQconninfoParse), or nullopt and a reason
// (already redacted) when it is not a valid connection string.
struct ParsedConninfo {
  std::map<std::string, std::string> options;
  std::string error;
  bool ok() const { return error.empty(); }
};
ParsedConninfo parse_conninfo(const std::string& conninfo);

// "postgresql://user@host:port/dbname" with the password (if any) shown as "***".
// Unset parts are left out; libpq's defaults (PGHOST, PGUSER, …) are not guessed here.
std::string describe_conninfo(const std::string& conninfo);

// `text` with every password found in `conninfo` replaced by "***".
std::string redact_secrets(std::string text, const std::string& conninfo);

// The same connection string pointing at another database (a key=value string). Used to reach
// a server's maintenance database, and by tests. Never printed.
std::string conninfo_with_database(const std::string& conninfo, std::string_view dbname);

// The database a connection string names, if it names one.
std::optional<std::string> database_of(const std::string& conninfo);

} // namespace pgsplit::pg
