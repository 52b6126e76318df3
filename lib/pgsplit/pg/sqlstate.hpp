#pragma once

#include <string_view>

// SQLSTATE codes pgsplit reacts to (PostgreSQL documentation, appendix A), by class first.
namespace pgsplit::pg::sqlstate {

inline constexpr std::string_view connection_failure = "08006";
inline constexpr std::string_view query_canceled = "57014";
inline constexpr std::string_view admin_shutdown = "57P01";
inline constexpr std::string_view lock_not_available = "55P03";
inline constexpr std::string_view deadlock_detected = "40P01";
inline constexpr std::string_view read_only_transaction = "25006";
inline constexpr std::string_view invalid_catalog_name = "3D000"; // database does not exist
inline constexpr std::string_view undefined_table = "42P01";
inline constexpr std::string_view duplicate_database = "42P04";
inline constexpr std::string_view insufficient_privilege = "42501";

constexpr std::string_view class_of(std::string_view code) { return code.substr(0, 2); }

// 08: the connection is gone or unusable; 57P0x: the server shut the session down.
constexpr bool is_connection_lost(std::string_view code) {
  return class_of(code) == "08" || code == admin_shutdown || code == "57P02" || code == "57P03";
}

// Lock and statement timeouts, deadlocks and serialization failures: retrying may succeed.
constexpr bool is_transient(std::string_view code) {
  return class_of(code) == "40" || code == lock_not_available || code == query_canceled;
}

} // namespace pgsplit::pg::sqlstate
