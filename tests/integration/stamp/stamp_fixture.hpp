#pragma once
// What the stamp integration tests share: reading a target's tables as lines, a one-target
// mapping with given `stamp:` entries, stamping it, and verify's stamp check on it.
#include "support/sandbox.hpp"

#include <pgsplit/config/environment.hpp>
#include <pgsplit/config/mapping_loader.hpp>
#include <pgsplit/stamp/stamp_target.hpp>
#include <pgsplit/verify/stamp_checks.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <string>
#include <vector>

namespace pgsplit::testing {

using Lines = std::vector<std::string>;

// The test data of the stamp tests: migration folders, changelogs.
inline const std::filesystem::path stamp_data_dir =
    std::filesystem::path(PGSPLIT_TEST_DATA_DIR) / "stamp";

// Every row of `sql`, columns joined by '|', NULL written as NULL.
inline Lines query_lines(const TestDatabase& database, const std::string& sql,
                         const pg::Params& params = {}) {
  auto connection = database.connect();
  const auto result = connection.exec(sql, params);
  Lines lines;
  for (int row = 0; row < result.rows(); ++row) {
    std::string line;
    for (int column = 0; column < result.columns(); ++column) {
      line += column == 0 ? "" : "|";
      line += result.is_null(row, column) ? "NULL" : std::string(result.value(row, column));
    }
    lines.push_back(line);
  }
  return lines;
}

// The whole table as text, times and ids included.
inline Lines table_snapshot(const TestDatabase& database, const std::string& table) {
  return query_lines(database, fmt::format("SELECT t::text FROM {} AS t ORDER BY 1", table));
}

// "name type[ NOT NULL][ DEFAULT expr]" per column of `table`, in order: a version table's
// layout, to compare with the one its tool creates.
inline Lines columns_of(const TestDatabase& database, const std::string& table) {
  return query_lines(database,
                     "SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || "
                     "CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END || "
                     "COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') "
                     "FROM pg_attribute a LEFT JOIN pg_attrdef d "
                     "ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                     "WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped "
                     "ORDER BY a.attnum",
                     {table});
}

// A mapping with the single target "svc" at `database`, with these `stamp:` entries (YAML list
// items, indented by six spaces); relative paths in them start from `stamp_data_dir`.
inline config::Target stamp_target_with(const TestDatabase& database, const std::string& stamps) {
  const auto text = fmt::format("source:\n"
                                "  url: postgresql://unused@127.0.0.1/monolith\n"
                                "targets:\n"
                                "  svc:\n"
                                "    url: ${{SVC_URL}}\n"
                                "    tables: [t]\n"
                                "    stamp:\n"
                                "{}",
                                stamps);
  return config::parse_mapping(text, stamp_data_dir / "pgsplit.yaml",
                               config::fixed_environment({{"SVC_URL", database.url()}}))
      .targets.front();
}

inline stamp::StampOutcome stamp_into(const TestDatabase& database, const config::Target& target) {
  auto connection = database.connect();
  return stamp::stamp_target(connection, target);
}

// What verify's stamp check finds wrong on the target.
inline std::size_t stamp_mismatches(const TestDatabase& database, const config::Target& target) {
  auto connection = database.connect();
  verify::VerifyReport report;
  verify::check_stamps(connection, target, report);
  return report.mismatches();
}

} // namespace pgsplit::testing
