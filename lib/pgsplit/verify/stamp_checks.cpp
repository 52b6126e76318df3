#include <pgsplit/core/error.hpp>
#include <pgsplit/pg/sqlstate.hpp>
#include <pgsplit/stamp/stamp_facts.hpp>
#include <pgsplit/stamp/stamp_request.hpp>
#include <pgsplit/verify/stamp_checks.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iterator>

namespace pgsplit::verify {
namespace {

std::string key_text(const StampKey& key) {
  std::vector<std::string> parts;
  for (const auto& value : key) {
    parts.push_back(value ? *value : "NULL");
  }
  return parts.size() == 1 ? parts.front() : fmt::format("({})", fmt::join(parts, ", "));
}

std::string keys_text(const std::vector<StampKey>& keys) {
  std::vector<std::string> parts;
  for (const auto& key : keys) {
    parts.push_back(key_text(key));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::vector<StampKey> read_keys(pg::Connection& connection, const stamp::StampPlan& plan,
                                const StampComparison& comparison) {
  std::string sql =
      fmt::format("SELECT {} FROM {}", fmt::join(comparison.columns, ", "), plan.qualified_table);
  if (!comparison.condition.empty()) {
    sql += " WHERE " + comparison.condition;
  }
  const auto result = connection.exec(sql);
  std::vector<StampKey> keys;
  for (int row = 0; row < result.rows(); ++row) {
    StampKey key;
    for (int column = 0; column < result.columns(); ++column) {
      key.push_back(result.is_null(row, column)
                        ? std::nullopt
                        : std::optional<std::string>(result.value(row, column)));
    }
    keys.push_back(std::move(key));
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::string difference_message(const std::vector<StampKey>& expected,
                               const std::vector<StampKey>& actual) {
  std::vector<StampKey> missing;
  std::vector<StampKey> unexpected;
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(),
                      std::back_inserter(missing));
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(),
                      std::back_inserter(unexpected));
  std::vector<std::string> parts;
  if (!missing.empty()) {
    parts.push_back("missing " + keys_text(missing));
  }
  if (!unexpected.empty()) {
    parts.push_back("unexpected " + keys_text(unexpected));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string shortened(const std::string& sql) {
  std::string line = sql.substr(0, 60);
  std::replace(line.begin(), line.end(), '\n', ' ');
  return sql.size() > 60 ? line + " …" : line;
}

} // namespace

StampComparison stamp_comparison(const stamp::StampPlan& plan, const stamp::QuoteIdent& quote) {
  StampComparison comparison;
  const auto value = [](const std::vector<stamp::StampValue>& row, std::size_t index) {
    return index < row.size() ? row[index] : std::nullopt;
  };
  switch (plan.tool) {
  case stamp::StampTool::alembic:
    comparison.columns = {quote("version_num")};
    for (const auto& row : plan.rows) {
      comparison.expected.push_back({value(row, 0)});
    }
    break;
  case stamp::StampTool::flyway:
    comparison.columns = {quote("version")};
    comparison.condition = quote("type") + " = 'BASELINE'";
    for (const auto& row : plan.rows) {
      comparison.expected.push_back({value(row, 1)});
    }
    break;
  case stamp::StampTool::golang_migrate:
    comparison.columns = {quote("version") + "::text", quote("dirty") + "::text"};
    for (const auto& row : plan.rows) {
      comparison.expected.push_back({value(row, 0), value(row, 1)});
    }
    break;
  case stamp::StampTool::prisma:
    comparison.columns = {quote("migration_name"), quote("checksum")};
    for (const auto& row : plan.rows) {
      comparison.expected.push_back({value(row, 2), value(row, 1)});
    }
    break;
  case stamp::StampTool::sql:
    break; // a sql entry's statements are the mapping's own: nothing to compare (no plan)
  // part A: the plan names its key columns
  case stamp::StampTool::rails:
  case stamp::StampTool::django:
  case stamp::StampTool::yoyo:
  case stamp::StampTool::sqitch:
  case stamp::StampTool::files:
  // part B: each plan names the columns its rows start with
  case stamp::StampTool::knex:
  case stamp::StampTool::node_pg_migrate:
  case stamp::StampTool::sequelize:
  case stamp::StampTool::typeorm:
  case stamp::StampTool::sqlx:
  case stamp::StampTool::dbmate:
  case stamp::StampTool::goose:
  case stamp::StampTool::ecto:
  case stamp::StampTool::diesel:
  case stamp::StampTool::liquibase:
    for (const auto& column : plan.key_columns) {
      comparison.columns.push_back(quote(column) + "::text");
    }
    for (const auto& row : plan.rows) {
      StampKey key;
      if (plan.key_positions.empty()) { // part B: the first values of the row
        key.assign(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(plan.key_columns.size()));
      } else {
        for (const auto position : plan.key_positions) {
          key.push_back(value(row, position));
        }
      }
      comparison.expected.push_back(std::move(key));
    }
    break;
  }
  std::sort(comparison.expected.begin(), comparison.expected.end());
  return comparison;
}

void check_stamps(pg::Connection& connection, const config::Target& target, VerifyReport& report) {
  const stamp::QuoteIdent quote = [&](std::string_view name) {
    return connection.quote_ident(name);
  };
  for (const auto& entry : target.stamps) {
    ++report.counted.stamps;
    if (entry.tool == config::StampTool::sql) {
      report.findings.push_back({CheckKind::stamp, Outcome::not_checked, target.name, "sql",
                                 "a sql: stamp cannot be verified: " + shortened(entry.sql)});
      continue;
    }
    const auto plan = stamp::plan_stamp(stamp::request_for(entry), quote);
    const auto comparison = stamp_comparison(plan, quote);
    const auto object = fmt::format("{} ({})", plan.qualified_table, config::to_string(entry.tool));
    std::vector<StampKey> actual;
    try {
      actual = read_keys(connection, plan, comparison);
    } catch (const core::SqlError& error) {
      if (error.sqlstate() != pg::sqlstate::undefined_table) {
        throw;
      }
      report.findings.push_back({CheckKind::stamp, Outcome::mismatch, target.name, object,
                                 "the version table does not exist"});
      continue;
    }
    if (actual != comparison.expected) {
      report.findings.push_back({CheckKind::stamp, Outcome::mismatch, target.name, object,
                                 difference_message(comparison.expected, actual)});
    }
  }
}

} // namespace pgsplit::verify
