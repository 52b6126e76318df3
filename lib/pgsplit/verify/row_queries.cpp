#include <pgsplit/plan/row_filter.hpp>
#include <pgsplit/verify/row_queries.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace pgsplit::verify {
namespace {

bool every_row(const std::vector<std::optional<std::string>>& filters) {
  return filters.empty() ||
         std::any_of(filters.begin(), filters.end(),
                     [](const std::optional<std::string>& filter) { return !filter.has_value(); });
}

} // namespace

std::string row_digest_expression(const std::vector<std::string>& quoted_columns) {
  return fmt::format("coalesce(sum(('x' || substr(md5(ROW({})::text), 1, 16))::bit(64)::bigint"
                     "::numeric), 0)",
                     fmt::join(quoted_columns, ", "));
}

std::string row_count_query(std::string_view quoted_table,
                            const std::vector<std::string>& quoted_columns,
                            const std::optional<std::string>& filter, bool checksum) {
  std::string sql = "SELECT count(*) AS row_count";
  if (checksum) {
    sql += ", " + row_digest_expression(quoted_columns) + " AS checksum";
  }
  sql += fmt::format(" FROM ONLY {}", quoted_table);
  if (filter) {
    sql += " WHERE " + *filter;
  }
  return sql;
}

std::optional<std::string> combined_filter(const std::vector<std::optional<std::string>>& filters) {
  if (every_row(filters)) {
    return std::nullopt;
  }
  if (filters.size() == 1) {
    return plan::filter_expression(*filters.front());
  }
  std::vector<std::string> parts;
  for (const auto& filter : filters) {
    parts.push_back(fmt::format("coalesce({}, false)", plan::filter_expression(*filter)));
  }
  return fmt::format("{}", fmt::join(parts, " OR "));
}

std::optional<std::string> shown_filter(const std::vector<std::optional<std::string>>& filters) {
  if (every_row(filters)) {
    return std::nullopt;
  }
  if (filters.size() == 1) {
    return *filters.front();
  }
  std::vector<std::string> parts;
  for (const auto& filter : filters) {
    parts.push_back("(" + *filter + ")");
  }
  return fmt::format("{}", fmt::join(parts, " OR "));
}

} // namespace pgsplit::verify
