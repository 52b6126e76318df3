#include <pgsplit/copy/table_parts.hpp>
#include <pgsplit/pg/quote.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace pgsplit::copy {
namespace {

// Built-in integer types (pg_type OIDs): int8, int2, int4.
constexpr catalog::Oid int8_oid = 20;
constexpr catalog::Oid int2_oid = 21;
constexpr catalog::Oid int4_oid = 23;

// The n-1 inner bounds splitting [low, high] in n parts of (nearly) equal widths. Unsigned
// arithmetic: the width of a full bigint range still fits, and width * k / n is taken as
// q * k + r * k / n so that nothing overflows.
std::vector<std::int64_t> inner_bounds(std::int64_t low, std::int64_t high, int parts) {
  const std::uint64_t width = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
  const auto count = static_cast<std::uint64_t>(parts);
  const std::uint64_t quotient = width / count;
  const std::uint64_t remainder = width % count;
  std::vector<std::int64_t> bounds;
  for (std::uint64_t part = 1; part < count; ++part) {
    const std::uint64_t offset = quotient * part + remainder * part / count;
    bounds.push_back(static_cast<std::int64_t>(static_cast<std::uint64_t>(low) + offset));
  }
  return bounds;
}

// Open-ended ranges of `subject` from the inner bounds: below the first, between each pair,
// from the last.
std::vector<std::string> open_ranges(const std::string& subject,
                                     const std::vector<std::string>& bounds) {
  std::vector<std::string> conditions;
  conditions.push_back(fmt::format("{} < {}", subject, bounds.front()));
  for (std::size_t index = 1; index < bounds.size(); ++index) {
    conditions.push_back(
        fmt::format("{0} >= {1} AND {0} < {2}", subject, bounds[index - 1], bounds[index]));
  }
  conditions.push_back(fmt::format("{} >= {}", subject, bounds.back()));
  return conditions;
}

} // namespace

int part_count(std::int64_t bytes, std::int64_t larger_than, int jobs) {
  if (larger_than <= 0 || jobs < 2 || bytes <= larger_than) {
    return 1;
  }
  const std::int64_t wanted = (bytes + larger_than - 1) / larger_than;
  return static_cast<int>(std::clamp<std::int64_t>(wanted, 2, jobs));
}

std::int64_t split_threshold(std::int64_t configured, std::int64_t total_bytes, int jobs,
                             std::optional<std::int64_t> auto_minimum) {
  if (!auto_minimum || jobs < 2 || configured <= 0) {
    return configured;
  }
  const std::int64_t share = std::max<std::int64_t>(total_bytes / jobs, *auto_minimum);
  return std::min(configured, share);
}

std::vector<std::string> key_range_conditions(const std::string& quoted_column, std::int64_t low,
                                              std::int64_t high, int parts) {
  if (parts < 2 || high <= low) {
    return {};
  }
  const std::uint64_t width = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
  if (width < static_cast<std::uint64_t>(parts - 1)) {
    parts = static_cast<int>(width) + 1; // no more parts than keys
  }
  std::vector<std::string> bounds;
  for (const auto bound : inner_bounds(low, high, parts)) {
    bounds.push_back(std::to_string(bound));
  }
  return open_ranges(quoted_column, bounds);
}

std::vector<std::string> page_range_conditions(std::int64_t pages, int parts) {
  if (parts < 2 || pages < 2) {
    return {};
  }
  parts = static_cast<int>(std::min<std::int64_t>(parts, pages));
  std::vector<std::string> bounds;
  for (const auto page : inner_bounds(0, pages - 1, parts)) {
    bounds.push_back(fmt::format("'({},0)'::tid", page));
  }
  return open_ranges("ctid", bounds);
}

std::optional<std::string> integer_key_column(const catalog::Table& table) {
  for (const auto& constraint : table.constraints) {
    if (constraint.kind != catalog::ConstraintKind::primary_key || constraint.columns.size() != 1) {
      continue;
    }
    for (const auto& column : table.columns) {
      if (column.name == constraint.columns.front() &&
          (column.type_oid == int8_oid || column.type_oid == int4_oid ||
           column.type_oid == int2_oid)) {
        return column.name;
      }
    }
  }
  return std::nullopt;
}

void plan_parts(pg::Connection& source, const catalog::Catalog& catalog,
                std::vector<TableCopy>& copies, std::int64_t larger_than, int jobs) {
  for (auto& copy : copies) {
    const int parts = part_count(copy.estimated_bytes, larger_than, jobs);
    if (parts < 2) {
      continue;
    }
    const auto* table = catalog.find_table(copy.table);
    const auto table_sql = pg::quote_qualified(copy.source_name.schema, copy.source_name.name);
    if (const auto key = integer_key_column(*table)) {
      const auto bounds = source.exec(
          fmt::format("SELECT min({0})::bigint AS low, max({0})::bigint AS high FROM ONLY {1}",
                      pg::quote_ident(*key), table_sql));
      if (bounds.optional_text(0, "low")) {
        copy.parts = key_range_conditions(pg::quote_ident(*key), bounds.int64(0, "low"),
                                          bounds.int64(0, "high"), parts);
        copy.split_by = "primary key " + *key;
      }
    } else {
      const auto pages = source.exec(
          "SELECT pg_relation_size($1::regclass) / current_setting('block_size')::bigint AS pages",
          {table_sql});
      copy.parts = page_range_conditions(pages.int64(0, "pages"), parts);
      copy.split_by = "pages (ctid)";
    }
  }
}

} // namespace pgsplit::copy
